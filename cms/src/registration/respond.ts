import type { Context } from 'koa';
import { registrationOutcomePath, type Locale, type RegistrationOutcome } from '@koper-otok/content-types';
import { OUTCOME_MESSAGES } from './outcome-messages';

/** The HTTP status of an outcome in a JSON answer (a browser is always sent on with 303). */
const JSON_STATUS: Record<RegistrationOutcome, number> = {
  sent: 200,
  confirmed: 200,
  waiting: 200,
  cancelled: 200,
  deleted: 200,
  expired: 410,
  invalid: 400,
  consent: 400,
  closed: 409,
  proof: 403,
  'rate-limited': 429,
  unavailable: 503,
};

/** The visitor's language from anything a request carried; Slovenian unless it says English. */
export const languageOf = (value: unknown): Locale => (value === 'en' ? 'en' : 'sl');

/** Where the site tells an outcome: SITE_URL + its page, or the page's path alone while SITE_URL is unset. */
export function outcomeUrl(siteUrl: string, language: Locale, outcome: RegistrationOutcome): string {
  const path = registrationOutcomePath(language, outcome);
  return siteUrl ? new URL(path, siteUrl).href : path;
}

/**
 * Ends a registration request: a script that asked for JSON gets { outcome, message } (the message
 * in the visitor's language); a browser posting the form or opening a mailed link is sent with 303
 * to the site's page for the outcome, so the whole flow works without JavaScript.
 */
export function respondWithOutcome(
  ctx: Context,
  language: Locale,
  outcome: RegistrationOutcome,
  status: number = JSON_STATUS[outcome],
): void {
  ctx.set('Cache-Control', 'no-store');
  if (ctx.accepts('html', 'json') === 'json') {
    ctx.status = status;
    ctx.body = outcome === 'sent' ? { outcome } : { outcome, message: OUTCOME_MESSAGES[outcome][language] };
    return;
  }
  ctx.status = 303;
  ctx.redirect(outcomeUrl(String(strapi.config.get('server.siteUrl', '')), language, outcome));
}
