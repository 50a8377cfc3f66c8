// iCalendar files: one per dated workshop (/delavnice/<slug>.ics) and one feed of all
// workshops per language (/delavnice.ics, /en/workshops.ics).
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, type Locale } from '@koper-otok/content-types';
import { config } from '../config';
import { workshopsCalendar } from '../lib/content/calendar';
import type { SiteModel } from '../lib/content/pages';
import type { WorkshopEntry } from '../lib/content/graph';
import { calendarPath } from '../lib/content/routes';
import { t } from '../lib/i18n/ui';
import { isPreviewMode } from '../lib/preview';
import { getSiteModel } from '../lib/site-pages';

interface CalendarFile {
  workshops: WorkshopEntry[];
  locale: Locale;
  name: string;
}

const param = (path: string) => path.replace(/^\//, '').replace(/\.ics$/, '');

const calendarsByModel = new WeakMap<SiteModel, Map<string, CalendarFile>>();

/** Every calendar file of a model, by its route parameter (looked up by path, so a warm renderer renders one alone). */
function calendarFiles(model: SiteModel): Map<string, CalendarFile> {
  let files = calendarsByModel.get(model);
  if (files) return files;
  files = new Map();
  for (const locale of LOCALES) {
    const workshops = model.graphs[locale].workshops;
    files.set(param(calendarPath(locale)), { workshops, locale, name: t(locale).calendarName });
    for (const workshop of workshops.filter((w) => w.startsAt))
      files.set(param(calendarPath(locale, workshop.slug)), { workshops: [workshop], locale, name: workshop.title });
  }
  calendarsByModel.set(model, files);
  return files;
}

export const getStaticPaths = (async () =>
  [...calendarFiles(await getSiteModel()).keys()].map((calendar) => ({
    params: { calendar },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params, site }) => {
  const file = isPreviewMode() ? undefined : calendarFiles(await getSiteModel()).get(params.calendar ?? '');
  if (!file) return new Response('Calendars are part of the public site only.\n', { status: 404 });
  const body = workshopsCalendar(file.workshops, {
    site: site!,
    name: file.name,
    locale: file.locale,
    now: config.now(),
  });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
