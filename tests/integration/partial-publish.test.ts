/**
 * Partial publishing end to end: a real Strapi (the seeded demo) sends its webhooks to the
 * rebuild service, which re-renders only what each change touches in its warm renderer
 * (scripts/rebuild/warm-site.ts, site/partial-build/) and switches the live site. Staff publish a
 * new article, retitle one, rename a partner that articles show, change a slug and unpublish an
 * article; each goes live through a partial build, and afterwards the live site equals, file
 * for file, a full `astro build` of the same content, the search index included once it has
 * followed in the background. A change to the menus falls back to a full build.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { liveLink } from '../../scripts/lib/live-site.ts';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { loginAdmin, type AdminClient } from '../../scripts/lib/strapi-admin.ts';
import { requestFullBuild } from '../../scripts/rebuild/full-build-request.ts';
import { generateWebhookSecret } from '../../scripts/rebuild/secret.ts';
import { startRebuildService, type RebuildService } from '../../scripts/rebuild/service.ts';
import type { BuildRecord } from '../../scripts/rebuild/status.ts';
import { createWarmSite, type WarmSite } from '../../scripts/rebuild/warm-site.ts';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { siteDifferences } from '../helpers/site-output.ts';

const SITE_URL = 'https://www.koper-otok.test';
const NOW = '2026-12-01T10:00:00.000Z';
const SECRET = generateWebhookSecret();
const ARTICLE = 'api::article.article';
const PARTNER = 'api::partner.partner';
const REGION = 'api::region.region';

interface ListedEntry {
  documentId: string;
  slug: string;
  title?: string;
  name?: string;
}

describe('partial publishing through the rebuild service, with a real Strapi', () => {
  const sitesDir = tempDir('sites-partial');
  const log: string[] = [];
  let cms: TestCms;
  let service: RebuildService;
  let admin: AdminClient;
  let site: WarmSite | undefined;

  beforeAll(async () => {
    // The service listens before Strapi starts (Strapi registers the webhook's URL at start);
    // the renderer learns Strapi's address once it is up.
    const lazySite: WarmSite = {
      full: (...args) => site!.full(...args),
      isWarm: () => site?.isWarm() ?? false,
      partial: (...args) => site!.partial(...args),
      writeOwedSitemap: (liveDir) => site!.writeOwedSitemap(liveDir),
      stop: async () => site?.stop(),
    };
    service = await startRebuildService({
      secret: SECRET,
      sitesDir,
      port: 0,
      statusPort: 0,
      quietMs: 200,
      maxRetries: 0,
      site: lazySite,
      searchGraceMs: 0,
      log: (line) => log.push(line),
    });
    cms = await startTestCms({
      env: { REBUILD_WEBHOOK_URL: `${service.url}/webhook`, REBUILD_WEBHOOK_SECRET: SECRET },
    });
    site = createWarmSite({
      strapiUrl: cms.url,
      tokenFile: cms.tokenFile,
      siteUrl: SITE_URL,
      maxPartialPages: 5000,
      env: { SITE_NOW: NOW },
    });
    service.buildNow();
    await service.whenIdle();
    admin = await loginAdmin(cms.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  });

  afterAll(async () => {
    await service?.stop();
    await cms?.dispose();
    rmSync(sitesDir, { recursive: true, force: true });
  });

  const livePage = (urlPath: string) => readFileSync(path.join(liveLink(sitesDir), urlPath, 'index.html'), 'utf8');
  const served = async (urlPath: string) => {
    const response = await fetch(new URL(urlPath, service.url));
    return { status: response.status, text: await response.text() };
  };
  const list = async (uid: string): Promise<ListedEntry[]> =>
    (
      await admin.request<{ results: ListedEntry[] }>(
        'GET',
        `/content-manager/collection-types/${uid}?locale=sl&pageSize=100`,
      )
    ).results;

  /** Waits until Strapi's webhook has arrived and the build it caused is done. */
  async function settled(since: number): Promise<BuildRecord> {
    const deadline = Date.now() + 60_000;
    while (service.status().counters.buildsStarted <= since || service.status().state !== 'idle') {
      if (Date.now() > deadline) throw new Error(`no build after the change; log:\n${log.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await service.whenIdle();
    return service.status().lastBuild!;
  }
  const builds = () => service.status().counters.buildsStarted;

  it('starts with a full build of the demo', () => {
    expect(service.status().lastBuild).toMatchObject({ result: 'succeeded', mode: 'full', detail: 'requested' });
  });

  it('publishes a new article through a partial build, on the news list and its own page', async () => {
    const before = builds();
    const slug = 'delna-objava-nove-novice';
    await admin.createAndPublish(ARTICLE, 'sl', {
      title: 'Delna objava nove novice',
      slug,
      excerpt: 'Nova novica, objavljena brez celotne gradnje spletnega mesta.',
      body: 'Besedilo **nove** novice.',
      publishedDate: '2026-11-30',
    });
    const build = await settled(before);
    expect(build, log.join('\n')).toMatchObject({ result: 'succeeded', mode: 'partial' });
    expect((await served(`/novice/${slug}/`)).status).toBe(200);
    expect(livePage('/novice/')).toContain('Delna objava nove novice');
  });

  it('retitles an article: its page and the lists that show it change, partially', async () => {
    const [article] = (await list(ARTICLE)).filter((entry) => entry.slug !== 'delna-objava-nove-novice');
    const before = builds();
    await admin.publish(ARTICLE, article.documentId, 'sl', { title: 'Popravljen naslov novice' });
    expect(await settled(before)).toMatchObject({ mode: 'partial' });
    expect(livePage(`/novice/${article.slug}/`)).toContain('Popravljen naslov novice');
  });

  it('renames a partner: the articles that show it change, partially', async () => {
    const partners = await list(PARTNER);
    // A partner an article page links to: renaming it must reach that article's page.
    const home = livePage('/');
    const partner = partners.find((entry) => home.includes(`/partnerji/${entry.slug}/`)) ?? partners[0];
    const before = builds();
    await admin.publish(PARTNER, partner.documentId, 'sl', { name: 'Preimenovani partner' });
    expect(await settled(before)).toMatchObject({ mode: 'partial' });
    expect(livePage(`/partnerji/${partner.slug}/`)).toContain('Preimenovani partner');
  });

  it("links an article to a region from the region's side: the article's page shows it too, partially", async () => {
    const [region] = await list(REGION);
    const regionPage = livePage(`/regije/${region.slug}/`);
    const article = (await list(ARTICLE)).find(
      (entry) => entry.slug !== 'delna-objava-nove-novice' && !regionPage.includes(`/novice/${entry.slug}/`),
    )!;
    const before = builds();
    // What the admin sends when staff add an article in the region's "articles" field.
    await admin.publish(REGION, region.documentId, 'sl', {
      articles: { connect: [{ documentId: article.documentId, locale: 'sl' }] },
    });
    expect(await settled(before)).toMatchObject({ mode: 'partial' });
    expect(livePage(`/regije/${region.slug}/`)).toContain(`/novice/${article.slug}/`);
    // The link is the article's (its owning side), which no webhook named.
    expect(livePage(`/novice/${article.slug}/`)).toContain(`/regije/${region.slug}/`);
  });

  it("changes an article's slug: the new page is live and the old one redirects", async () => {
    const article = (await list(ARTICLE)).find((entry) => entry.slug === 'delna-objava-nove-novice')!;
    const before = builds();
    await admin.publish(ARTICLE, article.documentId, 'sl', { slug: 'delna-objava-nov-naslov' });
    expect(await settled(before)).toMatchObject({ mode: 'partial' });
    expect((await served('/novice/delna-objava-nov-naslov/')).status).toBe(200);
    expect(livePage('/novice/delna-objava-nove-novice/')).toContain('/novice/delna-objava-nov-naslov/');
  });

  it('unpublishes an article: its page is gone (404), partially', async () => {
    const article = (await list(ARTICLE)).find((entry) => entry.slug === 'delna-objava-nov-naslov')!;
    const before = builds();
    await admin.unpublish(ARTICLE, article.documentId, 'sl');
    expect(await settled(before)).toMatchObject({ mode: 'partial' });
    expect((await served('/novice/delna-objava-nov-naslov/')).status).toBe(404);
  });

  it('afterwards, once the search index has followed, the live site equals a full build of the same content, file for file', async () => {
    await service.whenSearchIdle({ cleaned: true });
    expect(service.status().search).toMatchObject({ liveBuildIndexed: true, lastError: null });
    const outDir = path.join(tempDir('full-build'), 'dist');
    await buildSite({
      strapiUrl: cms.url,
      tokenFile: cms.tokenFile,
      siteUrl: SITE_URL,
      outDir,
      label: false,
      pathHistoryFile: path.join(liveLink(sitesDir), 'path-history.json'),
      env: { SITE_NOW: NOW },
    });
    expect(siteDifferences(liveLink(sitesDir), outDir, { withSearchIndex: true })).toEqual([]);
    rmSync(path.dirname(outDir), { recursive: true, force: true });
  });

  it('falls back to a full build, saying why, when the menus change (they are on every page)', async () => {
    const before = builds();
    await admin.request(
      'POST',
      '/content-manager/single-types/api::navigation.navigation/actions/publish?locale=sl',
      {},
    );
    const build = await settled(before);
    expect(build, log.join('\n')).toMatchObject({ result: 'succeeded', mode: 'full' });
    expect(build.detail).toContain('navigation');
  });

  it('builds everything again on request (`npm run rebuild -- --full`), through the status listener', async () => {
    const line = await requestFullBuild({ REBUILD_STATUS_PORT: new URL(service.statusUrl).port });
    expect(line).toMatch(/^rebuild --full: build \S+ is live: \d+ pages in /);
    expect(service.status().lastBuild).toMatchObject({ result: 'succeeded', mode: 'full', detail: 'requested' });
  });
});
