import type { Core } from '@strapi/strapi';
import { workshopsCalendar, type Locale } from '@koper-otok/content-types';
import { workshopText, type RegistrationWorkshop } from './workshop';

/** An e-mail attachment as nodemailer takes it. */
export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/** Markdown reduced to readable text for a calendar's description: links keep their words, marks go. */
export const markdownAsText = (markdown: string): string =>
  markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}|>)\s?/gm, '')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .trim()
    .slice(0, 2000);

/**
 * The workshop as an .ics attachment in the visitor's language, made by the same code as the
 * site's .ics files (so the event's identifier matches and calendars do not show it twice);
 * null for an undated workshop.
 */
export function workshopCalendarFile(
  strapi: Core.Strapi,
  workshop: RegistrationWorkshop,
  language: Locale,
): MailAttachment | null {
  if (!workshop.startsAt) return null;
  const text = workshopText(workshop, language);
  const site = String(strapi.config.get('server.siteUrl', '') || strapi.config.get('server.absoluteUrl'));
  const content = workshopsCalendar(
    [
      {
        ...workshop,
        ...text,
        locale: workshop.texts[language] ? language : (Object.keys(workshop.texts)[0] as Locale),
        description: markdownAsText(text.description ?? ''),
      },
    ],
    { site: new URL(site), name: text.title, locale: language, now: new Date() },
  );
  return { filename: `${text.slug}.ics`, content, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' };
}
