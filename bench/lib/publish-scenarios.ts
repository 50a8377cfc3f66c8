/**
 * The changes bench/publish-to-live.ts times, each made through the admin API as staff make it,
 * with what the site must serve (and the search index must say) once the change is live:
 *
 *   publish     a new article (sl)                      -> its page answers 200
 *   edit-title  a new title on a listed article         -> its page and its news list page show it
 *   unpublish   an article (sl)                         -> its page answers 404
 *   rename-partner  the partner most articles name      -> its page and a naming article's page show it
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { entryPath, listPath } from '@koper-otok/content-types';
import type { AdminClient } from '../../scripts/lib/strapi-admin.ts';
import type { SearchExpectation } from './search-probe.ts';

export const SCENARIOS = ['publish', 'edit-title', 'unpublish', 'rename-partner'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export const SCENARIO_LABELS: Record<ScenarioName, string> = {
  publish: 'publish a new article',
  'edit-title': 'edit a title (its lists change)',
  unpublish: 'unpublish an article',
  'rename-partner': 'rename a widely named partner',
};

/** One change to time. */
export interface Change {
  /** The page the change is about, for the report. */
  url: string;
  /** The admin API call(s) of the change. */
  act(): Promise<void>;
  /** Whether the site serves the change on every page that must show it. */
  served(): Promise<boolean>;
  search: SearchExpectation;
}

export interface ScenarioContext {
  admin: AdminClient;
  /** Where the rebuild service serves the live site. */
  siteUrl: string;
  /** The live build's folder, as it is now. */
  liveDir(): string;
  /** Generated articles in the database (their slugs are primer-novice-<1..n>). */
  articles: number;
  runs: number;
}

export interface Scenario {
  prepare(run: number): Promise<Change>;
}

const ARTICLE = 'api::article.article';
const PARTNER = 'api::partner.partner';

interface Listed {
  documentId: string;
  [field: string]: unknown;
}

async function findBySlug(admin: AdminClient, uid: string, slug: string): Promise<Listed> {
  const query = `locale=sl&page=1&pageSize=1&filters[$and][0][slug][$eq]=${encodeURIComponent(slug)}`;
  const { results } = await admin.request<{ results: Listed[] }>(
    'GET',
    `/content-manager/collection-types/${uid}?${query}`,
  );
  if (!results[0]) throw new Error(`no ${uid} with the slug ${slug} in sl`);
  return results[0];
}

async function fetchPage(siteUrl: string, url: string): Promise<{ status: number; text: string }> {
  const response = await fetch(new URL(url, siteUrl));
  return { status: response.status, text: await response.text() };
}

const pageShows = async (siteUrl: string, url: string, text: string) => {
  const page = await fetchPage(siteUrl, url);
  return page.status === 200 && page.text.includes(text);
};

/** The first sl news list page of the live build that links to `articleUrl`. */
function listPageOf(liveDir: string, articleUrl: string): string {
  const first = listPath('article', 'sl');
  const pagesDir = path.join(liveDir, listPath('article', 'sl', 2), '..');
  const numbers = existsSync(pagesDir)
    ? readdirSync(pagesDir)
        .map(Number)
        .filter((n) => Number.isInteger(n))
        .sort((a, b) => a - b)
    : [];
  for (const url of [first, ...numbers.map((n) => listPath('article', 'sl', n))]) {
    const html = readFileSync(path.join(liveDir, url, 'index.html'), 'utf8');
    if (html.includes(`href="${articleUrl}"`)) return url;
  }
  throw new Error(`no news list page of the live build links to ${articleUrl}`);
}

/** Generated article keys spread over the archive, a different one for each run (offset per scenario). */
const spreadKey = (context: ScenarioContext, run: number, offset: number) =>
  Math.max(1, Math.floor((context.articles * run) / (context.runs + 1)) + offset);

const stamp = () => Date.now().toString(36);

function publishScenario(context: ScenarioContext): Scenario {
  return {
    async prepare(run) {
      const slug = `merjenje-objave-${run}-${stamp()}`;
      const title = `Merjenje objave ${run} ${stamp()}`;
      const url = entryPath('article', 'sl', slug);
      return {
        url,
        act: async () => {
          await context.admin.createAndPublish(ARTICLE, 'sl', {
            title,
            slug,
            excerpt: 'Merjenje časa od klika na Objavi do strani, ki jo vidijo obiskovalci spletnega mesta.',
            body: 'Novica, ki jo objavi merjenje hitrosti objave.',
            publishedDate: new Date().toISOString().slice(0, 10),
            locale: 'sl',
          });
        },
        served: async () => (await fetchPage(context.siteUrl, url)).status === 200,
        search: { url, shows: title },
      };
    },
  };
}

function editTitleScenario(context: ScenarioContext): Scenario {
  return {
    async prepare(run) {
      const slug = `primer-novice-${spreadKey(context, run, 0)}`;
      const { documentId } = await findBySlug(context.admin, ARTICLE, slug);
      const url = entryPath('article', 'sl', slug);
      const listUrl = listPageOf(context.liveDir(), url);
      const title = `Popravljen naslov ${run} ${stamp()}`;
      return {
        url: `${url} (list ${listUrl})`,
        act: () => context.admin.publish(ARTICLE, documentId, 'sl', { title }),
        served: async () =>
          (await pageShows(context.siteUrl, url, title)) && (await pageShows(context.siteUrl, listUrl, title)),
        search: { url, shows: title },
      };
    },
  };
}

function unpublishScenario(context: ScenarioContext): Scenario {
  return {
    async prepare(run) {
      const slug = `primer-novice-${spreadKey(context, run, 1)}`;
      const { documentId } = await findBySlug(context.admin, ARTICLE, slug);
      const url = entryPath('article', 'sl', slug);
      if ((await fetchPage(context.siteUrl, url)).status !== 200)
        throw new Error(`${url} is not served before the run`);
      return {
        url,
        act: () => context.admin.unpublish(ARTICLE, documentId, 'sl'),
        served: async () => (await fetchPage(context.siteUrl, url)).status === 404,
        search: { url, gone: true },
      };
    },
  };
}

interface WidelyNamedPartner {
  documentId: string;
  name: string;
  slug: string;
  /** Published sl articles that name it. */
  articles: number;
  /** One of them: its page shows the partner's name. */
  articleSlug: string;
}

async function articlesNaming(admin: AdminClient, partnerId: string): Promise<{ total: number; slug?: string }> {
  const query = `locale=sl&page=1&pageSize=1&sort=slug:ASC&filters[$and][0][partners][documentId][$eq]=${partnerId}`;
  const answer = await admin.request<{ results: { slug: string }[]; pagination: { total: number } }>(
    'GET',
    `/content-manager/collection-types/${ARTICLE}?${query}`,
  );
  return { total: answer.pagination.total, slug: answer.results[0]?.slug };
}

/** The partner the most sl articles name (the generator makes one that a tenth of them name). */
export async function widelyNamedPartner(admin: AdminClient): Promise<WidelyNamedPartner> {
  const { results } = await admin.request<{ results: { documentId: string; name: string; slug: string }[] }>(
    'GET',
    `/content-manager/collection-types/${PARTNER}?locale=sl&page=1&pageSize=100`,
  );
  let best: WidelyNamedPartner | undefined;
  for (const partner of results) {
    const { total, slug } = await articlesNaming(admin, partner.documentId);
    if (slug && total > (best?.articles ?? 0))
      best = {
        documentId: partner.documentId,
        name: partner.name,
        slug: partner.slug,
        articles: total,
        articleSlug: slug,
      };
  }
  if (!best) throw new Error('no partner is named by any article');
  return best;
}

function renamePartnerScenario(context: ScenarioContext, partner: WidelyNamedPartner): Scenario {
  const partnerUrl = entryPath('partner', 'sl', partner.slug);
  const articleUrl = entryPath('article', 'sl', partner.articleSlug);
  return {
    async prepare(run) {
      const name = `Preimenovani partner ${run} ${stamp()}`;
      return {
        url: `${partnerUrl} (and ${articleUrl})`,
        act: () => context.admin.publish(PARTNER, partner.documentId, 'sl', { name }),
        served: async () =>
          (await pageShows(context.siteUrl, partnerUrl, name)) && (await pageShows(context.siteUrl, articleUrl, name)),
        search: { url: partnerUrl, shows: name },
      };
    },
  };
}

/** The four scenarios; checks first that the rename's article page shows the partner at all. */
export async function createScenarios(
  context: ScenarioContext,
  partner: WidelyNamedPartner,
): Promise<Record<ScenarioName, Scenario>> {
  const articleUrl = entryPath('article', 'sl', partner.articleSlug);
  if (!(await pageShows(context.siteUrl, articleUrl, partner.name)))
    throw new Error(`${articleUrl} does not show the name of the partner it names (${partner.name})`);
  return {
    publish: publishScenario(context),
    'edit-title': editTitleScenario(context),
    unpublish: unpublishScenario(context),
    'rename-partner': renamePartnerScenario(context, partner),
  };
}
