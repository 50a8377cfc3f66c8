// RSS 2.0 feed of the news, one per language: /rss.xml and /en/rss.xml.
import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { LOCALES, type Locale } from '@koper-otok/content-types';
import { config } from '../../config';
import { newsFeedItems } from '../../lib/content/feed';
import { homePath, toRouteParam } from '../../lib/content/routes';
import { feedBodyHtml } from '../../lib/media/site-media';
import { t } from '../../lib/i18n/ui';
import { getSiteModel } from '../../lib/site-pages';
import { isPreviewMode } from '../../lib/preview';

const FEED_LENGTH = 50;

export const getStaticPaths = (() =>
  LOCALES.map((locale) => ({ params: { lang: toRouteParam(homePath(locale)) } }))) satisfies GetStaticPaths;

/** The feed's language from its path (params, not props: a warm renderer renders by path). */
const localeOf = (lang: string | undefined): Locale | undefined =>
  LOCALES.find((locale) => toRouteParam(homePath(locale)) === lang);

export const GET: APIRoute = async ({ params, site }) => {
  const locale = localeOf(params.lang);
  if (!locale || isPreviewMode()) return new Response('Feeds are part of the public site only.\n', { status: 404 });
  const { graphs } = await getSiteModel();
  // Feed readers fetch images from the site itself, by absolute URL.
  const articles = await Promise.all(
    graphs[locale].articles
      .slice(0, FEED_LENGTH)
      .map(async (article) => ({ ...article, bodyHtml: await feedBodyHtml(article.bodyHtml, site!) })),
  );
  const ui = t(locale);
  return rss({
    title: `${config.siteName} – ${ui.news}`,
    description: ui.newsDescription,
    site: new URL(homePath(locale), site),
    items: newsFeedItems(articles, FEED_LENGTH),
    customData: `<language>${ui.intlLocale}</language>`,
  });
};
