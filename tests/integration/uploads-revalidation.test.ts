/**
 * A real Strapi answers conditional requests for uploaded files (cms/src/middlewares/
 * conditional-get.ts), so the site build's image cache can revalidate instead of downloading
 * and re-encoding every image on every build. The requests go through Node's fetch, as Astro's
 * do, which adds `Cache-Control: no-cache` to every conditional request.
 */
import { statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCms, type TestCms } from '../helpers/cms';

let cms: TestCms;
let upload: string;

beforeAll(async () => {
  cms = await startTestCms();
  const { body } = await cms.graphql<{ articles: { cover: { url: string } | null }[] }>(
    '{ articles(locale: "sl") { cover { url } } }',
  );
  upload = body.data!.articles.find((article) => article.cover)!.cover!.url;
});
afterAll(async () => {
  await cms?.dispose();
});

const get = (url: string, headers: Record<string, string> = {}) => fetch(`${cms.url}${url}`, { headers });

describe('uploaded files', () => {
  it('carry a Last-Modified date', async () => {
    const response = await get(upload);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(response.headers.get('last-modified')).toMatch(/GMT$/);
  });

  it('answer 304 with no body when unchanged since the copy the client holds', async () => {
    const first = await get(upload);
    const size = (await first.arrayBuffer()).byteLength;
    expect(size).toBeGreaterThan(1000);
    const again = await get(upload, { 'if-modified-since': first.headers.get('last-modified')! });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
  });

  it('answer 200 with the file when it changed (an editor replaced it: same URL, new date)', async () => {
    const first = await get(upload);
    await first.arrayBuffer();
    const file = path.join(cms.dataDir, 'public', upload);
    const later = new Date(statSync(file).mtimeMs + 60_000);
    utimesSync(file, later, later);
    const again = await get(upload, { 'if-modified-since': first.headers.get('last-modified')! });
    expect(again.status).toBe(200);
    expect((await again.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect(Date.parse(again.headers.get('last-modified')!)).toBe(Math.floor(later.getTime() / 1000) * 1000);
  });

  it('leave the API alone: a GraphQL answer is never a 304', async () => {
    const response = await fetch(`${cms.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'if-modified-since': 'Mon, 30 Nov 2099 00:00:00 GMT' },
      body: JSON.stringify({ query: '{ regions(locale: "sl") { name } }' }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).data.regions.length).toBeGreaterThan(0);
  });
});
