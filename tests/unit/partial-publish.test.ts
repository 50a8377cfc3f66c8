/**
 * When a rebuild cycle is partial and when it is full (scripts/rebuild/partial-publish.ts), with
 * a stand-in for the warm renderer that writes a page: the real folder handling, copy and switch.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveLink, partialDir } from '../../scripts/lib/live-site.ts';
import type { ChangeSet } from '../../scripts/rebuild/changes.ts';
import { partialPublisher, type SearchIndexing } from '../../scripts/rebuild/partial-publish.ts';
import type { WarmSite } from '../../scripts/rebuild/warm-site.ts';

const noSearch: SearchIndexing = {
  request: () => undefined,
  prepare: async () => false,
  exclusive: async (fn) => fn(),
};

function fakeSite(options: { partialFails?: string; fullFails?: string } = {}) {
  const calls: string[] = [];
  let warm = false;
  const site: WarmSite = {
    async full(outDir) {
      calls.push('full');
      if (options.fullFails) throw new Error(options.fullFails);
      writeFileSync(path.join(outDir, 'index.html'), 'full');
      warm = true;
    },
    isWarm: () => warm,
    async partial(outDir) {
      calls.push('partial');
      if (options.partialFails) throw new Error(options.partialFails);
      writeFileSync(
        path.join(outDir, 'index.html'),
        `partial after ${readFileSync(path.join(outDir, 'index.html'), 'utf8')}`,
      );
      return {
        rendered: 1,
        removed: 0,
        pages: 1,
        timings: { readMs: 1, modelMs: 1, fingerprintMs: 1, renderMs: 1, finishMs: 1 },
      };
    },
    writeOwedSitemap: async () => false,
    stop: async () => undefined,
  };
  return { site, calls };
}

const ONE_ARTICLE: ChangeSet = { documents: [{ type: 'article', documentIds: ['a1'] }], fullReason: null };

function publisherWith(site: WarmSite, maxPartialDocuments = 2) {
  const sitesDir = mkdtempSync(path.join(tmpdir(), 'koper-otok-partial-publish-'));
  const publish = partialPublisher({
    sitesDir,
    keepBuilds: 3,
    site,
    search: noSearch,
    maxPartialDocuments,
    log: () => undefined,
  });
  const cycle = (reason: 'manual' | 'events' | 'retry', changes: ChangeSet = ONE_ARTICLE) =>
    publish({ signal: new AbortController().signal, reason, events: 1, changes, onBuildId: () => undefined });
  const livePage = () => readFileSync(path.join(liveLink(sitesDir), 'index.html'), 'utf8');
  return { sitesDir, cycle, livePage, stop: () => publish.stop?.() };
}

describe('partialPublisher', () => {
  it('builds fully first, then renders changes into a copy of the live build', async () => {
    const { site, calls } = fakeSite();
    const { cycle, livePage } = publisherWith(site);
    expect(await cycle('events')).toMatchObject({ mode: 'full', detail: 'no live build yet' });
    const partial = await cycle('events');
    expect(partial).toMatchObject({ mode: 'partial', detail: '1 pages rendered, 0 removed' });
    expect(Object.keys(partial.steps ?? {})).toEqual([
      'copyMs',
      'readMs',
      'modelMs',
      'fingerprintMs',
      'renderMs',
      'finishMs',
      'sitemapMs',
      'switchMs',
    ]);
    expect(livePage()).toBe('partial after full');
    expect(calls).toEqual(['full', 'partial']);
  });

  const fullCases: ['manual' | 'events' | 'retry', ChangeSet, string][] = [
    ['manual', ONE_ARTICLE, 'requested'],
    ['retry', ONE_ARTICLE, 'retrying a failed build'],
    ['events', { documents: [], fullReason: 'a navigation changed: it shows on many pages' }, 'a navigation changed'],
    ['events', { documents: [], fullReason: null }, 'the webhooks named no entries'],
    [
      'events',
      { documents: [{ type: 'article', documentIds: ['a1', 'a2', 'a3'] }], fullReason: null },
      '3 entries changed, more than 2',
    ],
  ];
  it.each(fullCases)('builds fully for a %s cycle with %j: %s', async (reason, changes, why) => {
    const { site } = fakeSite();
    const { cycle } = publisherWith(site);
    await cycle('manual');
    const result = await cycle(reason, changes);
    expect(result.mode).toBe('full');
    expect(result.detail).toContain(why);
  });

  it('falls back to a full build, saying why, when the partial build fails, and leaves no unfinished folder', async () => {
    const { site, calls } = fakeSite({ partialFails: 'Strapi query failed (ECONNREFUSED)' });
    const { cycle, livePage, sitesDir } = publisherWith(site);
    await cycle('manual');
    const result = await cycle('events');
    expect(result).toMatchObject({ mode: 'full' });
    expect(result.detail).toContain('the partial build could not: Strapi query failed (ECONNREFUSED)');
    expect(calls).toEqual(['full', 'partial', 'full']);
    expect(livePage()).toBe('full');
    // Nothing unfinished is left: only the next build's folder, made ahead as a copy of the live build.
    const folders = readdirSync(partialDir(sitesDir));
    expect(folders).toHaveLength(1);
    const spareIndex = path.join(partialDir(sitesDir), folders[0], 'index.html');
    for (let waited = 0; !existsSync(spareIndex) && waited < 5000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(readFileSync(spareIndex, 'utf8')).toBe('full');
  });

  it('keeps the live build when the full build fails too', async () => {
    const working = fakeSite();
    const { cycle, livePage, sitesDir } = publisherWith(working.site);
    await cycle('manual');
    working.site.partial = async () => {
      throw new Error('Strapi is down');
    };
    working.site.full = async () => {
      throw new Error('Strapi is still down');
    };
    await expect(cycle('events')).rejects.toThrow('Strapi is still down');
    expect(livePage()).toBe('full');
    expect(readdirSync(partialDir(sitesDir))).toEqual([]);
  });

  it("leaves no folder behind when stopped, the next build's one included", async () => {
    const { site } = fakeSite();
    const { cycle, stop, sitesDir } = publisherWith(site);
    await cycle('manual');
    await cycle('events');
    await stop();
    expect(readdirSync(partialDir(sitesDir))).toEqual([]);
  });
});
