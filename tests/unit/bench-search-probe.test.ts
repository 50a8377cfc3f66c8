/**
 * The benchmark's reader of the live Pagefind index (bench/lib/search-probe.ts), on real
 * indexes written by Pagefind itself: it finds a page's text by URL, and tells when a new
 * index has caught up with a change (or the removal of a page).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, describe, expect, it } from 'vitest';
import { createSearchProbe, searchCaughtUp } from '../../bench/lib/search-probe.ts';

const siteDir = mkdtempSync(path.join(tmpdir(), 'koper-otok-search-probe-'));
afterAll(async () => {
  await pagefind.close();
  rmSync(siteDir, { recursive: true, force: true });
});

/** Writes a Pagefind index of `pages` into siteDir/pagefind, replacing the one there. */
async function writeIndex(pages: { url: string; title: string; language: string }[]): Promise<void> {
  const { index } = await pagefind.createIndex({});
  if (!index) throw new Error('Pagefind did not start');
  for (const page of pages)
    await index.addCustomRecord({
      url: page.url,
      content: `${page.title}. Besedilo strani.`,
      language: page.language,
      meta: { title: page.title },
    });
  const { errors } = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
  expect(errors).toEqual([]);
  await index.deleteIndex();
}

describe('the search probe', () => {
  it('reads pages by URL and tells when a new index shows a change or drops a page', async () => {
    const probe = createSearchProbe(siteDir);
    expect(probe.entry()).toBeNull();

    await writeIndex([
      { url: '/novice/prva/', title: 'Prva novica', language: 'sl' },
      { url: '/novice/druga/', title: 'Druga novica', language: 'sl' },
      { url: '/en/news/first/', title: 'First news', language: 'en' },
    ]);
    const before = probe.entry();
    expect(probe.pageText('/novice/prva/')).toContain('Prva novica');
    expect(probe.pageText('/en/news/first/')).toContain('First news');
    expect(probe.pageText('/novice/ni-je/')).toBeNull();
    // The same index is not an update, whatever it holds.
    expect(searchCaughtUp(probe, before, { url: '/novice/prva/', shows: 'Prva novica' })).toBe(false);

    await writeIndex([
      { url: '/novice/prva/', title: 'Popravljen naslov', language: 'sl' },
      { url: '/en/news/first/', title: 'First news', language: 'en' },
    ]);
    expect(searchCaughtUp(probe, before, { url: '/novice/prva/', shows: 'Popravljen naslov' })).toBe(true);
    expect(searchCaughtUp(probe, before, { url: '/novice/prva/', shows: 'Prva novica' })).toBe(false);
    expect(searchCaughtUp(probe, before, { url: '/novice/druga/', gone: true })).toBe(true);
    expect(searchCaughtUp(probe, before, { url: '/en/news/first/', gone: true })).toBe(false);
  });
});
