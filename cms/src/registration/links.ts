import type { Core } from '@strapi/strapi';
import { entryPath, type Locale } from '@koper-otok/content-types';

/** The addresses registration mails and pages link to. */
export interface RegistrationLinks {
  confirm(token: string): string;
  cancel(token: string): string;
  /** The workshop's page on the site, or null while SITE_URL is unset. */
  workshopPage(language: Locale, slug: string): string | null;
}

export function registrationLinks(strapi: Core.Strapi): RegistrationLinks {
  const api = String(strapi.config.get('registration.publicUrl', '') || strapi.config.get('server.absoluteUrl'));
  const site = String(strapi.config.get('server.siteUrl', ''));
  const apiLink = (path: string, token: string) => {
    const url = new URL(`api/registrations/${path}`, api.endsWith('/') ? api : `${api}/`);
    url.searchParams.set('token', token);
    return url.href;
  };
  return {
    confirm: (token) => apiLink('confirm', token),
    cancel: (token) => apiLink('cancel', token),
    workshopPage: (language, slug) => (site ? new URL(entryPath('workshop', language, slug), site).href : null),
  };
}
