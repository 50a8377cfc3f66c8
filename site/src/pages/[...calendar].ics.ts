// iCalendar files: one per dated workshop (/delavnice/<slug>.ics) and one feed of all
// workshops per language (/delavnice.ics, /en/workshops.ics).
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, type Locale } from '@koper-otok/content-types';
import { workshopsCalendar } from '../lib/content/calendar';
import type { WorkshopEntry } from '../lib/content/graph';
import { calendarPath } from '../lib/content/routes';
import { t } from '../lib/i18n/ui';
import { getSiteModel } from '../lib/site-pages';

const param = (path: string) => path.replace(/^\//, '').replace(/\.ics$/, '');

export const getStaticPaths = (async () => {
  const { graphs } = await getSiteModel();
  return LOCALES.flatMap((locale) => {
    const workshops = graphs[locale].workshops;
    return [
      { params: { calendar: param(calendarPath(locale)) }, props: { workshops, locale, name: t(locale).calendarName } },
      ...workshops
        .filter((w) => w.startsAt)
        .map((w) => ({
          params: { calendar: param(calendarPath(locale, w.slug)) },
          props: { workshops: [w], locale, name: w.title },
        })),
    ];
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) => {
  const workshops = props.workshops as WorkshopEntry[] | undefined;
  if (!workshops) return new Response('Calendars are part of the public site only.\n', { status: 404 }); // preview server
  const body = workshopsCalendar(workshops, {
    site: site!,
    name: props.name as string,
    locale: props.locale as Locale,
  });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
