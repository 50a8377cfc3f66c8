/**
 * Draft preview end to end: Strapi's "Open preview" link (admin API) leads, through the secret,
 * to the preview server, which renders the draft with the site's own pages; without the
 * secret it refuses, and it always tells robots and caches to stay away.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { freePort } from '../../scripts/lib/net.ts';
import { loginAdmin } from '../../scripts/lib/strapi-admin.ts';
import { buildPreviewServer, startPreviewServer, type PreviewServer } from '../../scripts/lib/preview-server.ts';
import { startTestCms, type TestCms } from '../helpers/cms';

const DRAFT_TITLE = 'Poročilo z delavnice na Jesenicah (osnutek)';
const secret = randomBytes(24).toString('hex');
let cms: TestCms;
let preview: PreviewServer;
let adminToken: string;

beforeAll(async () => {
  const port = await freePort();
  cms = await startTestCms({ env: { PREVIEW_URL: `http://127.0.0.1:${port}`, PREVIEW_SECRET: secret } });
  await buildPreviewServer(false);
  preview = await startPreviewServer({ strapiUrl: cms.url, tokenFile: cms.tokenFile, secret, port });
  adminToken = (await loginAdmin(cms.url, DEMO_ADMIN.email, DEMO_ADMIN.password)).token;
});
afterAll(async () => {
  await preview?.stop();
  await cms?.dispose();
});

async function draftDocumentId(): Promise<string> {
  const token = (await import('node:fs')).readFileSync(cms.tokenFile, 'utf8').trim();
  const { body } = await cms.graphql('{ articles(locale: "sl", status: DRAFT) { documentId title } }', {}, token);
  return body.data.articles.find((a: { title: string }) => a.title === DRAFT_TITLE).documentId;
}

describe('draft preview', () => {
  it('follows the admin preview link to the draft, rendered by the site pages, never indexed', async () => {
    const documentId = await draftDocumentId();
    const link = await cms.rest<{ data: { url: string } }>(
      'GET',
      `/content-manager/preview/url/api::article.article?documentId=${documentId}&locale=sl&status=draft`,
      undefined,
      adminToken,
    );
    expect(link.status).toBe(200);
    const url: string = link.body.data.url;
    expect(url.startsWith(`${preview.url}/preview/?`)).toBe(true);

    const entry = await fetch(url, { redirect: 'manual' });
    expect(entry.status).toBe(302);
    const cookie = entry.headers.get('set-cookie')!.split(';')[0];
    expect(cookie).not.toContain(secret);
    const page = await fetch(new URL(entry.headers.get('location')!, preview.url), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain(`<h1>${DRAFT_TITLE}</h1>`);
    expect(html).toContain('To je <strong>osnutek</strong>');
    expect(html).toContain('class="site-header"'); // the public site's own layout
  });

  it('shows edits to a published entry before they are published', async () => {
    const token = (await import('node:fs')).readFileSync(cms.tokenFile, 'utf8').trim();
    const { body } = await cms.graphql('{ articles(locale: "sl") { documentId slug } }', {}, token);
    const { documentId, slug } = body.data.articles[0];
    const edited = await cms.rest(
      'PUT',
      `/content-manager/collection-types/api::article.article/${documentId}?locale=sl`,
      { excerpt: 'Nov povzetek, še neobjavljen.' },
      adminToken,
    );
    expect(edited.status).toBe(200);
    const entry = await fetch(`${preview.url}/novice/${slug}/?secret=${secret}`, { redirect: 'manual' });
    const html = await entry.text();
    expect(entry.status).toBe(200);
    expect(html).toContain('Nov povzetek, še neobjavljen.');
    const published = await cms.graphql(`{ articles(locale: "sl", filters: { slug: { eq: "${slug}" } }) { excerpt } }`);
    expect(published.body.data.articles[0].excerpt).not.toContain('še neobjavljen');
  });

  it('refuses visitors without the secret, or with a wrong one', async () => {
    for (const path of [
      '/',
      '/novice/porocilo-z-delavnice-na-jesenicah-osnutek/',
      '/preview/?type=article&documentId=x&locale=sl',
    ]) {
      const response = await fetch(preview.url + path, { redirect: 'manual' });
      expect(response.status, path).toBe(401);
      expect(await response.text()).not.toContain(DRAFT_TITLE);
    }
    const wrong = await fetch(
      `${preview.url}/novice/porocilo-z-delavnice-na-jesenicah-osnutek/?secret=${'x'.repeat(48)}`,
    );
    expect(wrong.status).toBe(401);
    const robots = await (await fetch(`${preview.url}/robots.txt?secret=${secret}`)).text();
    expect(robots).toContain('Disallow: /');
  });
});
