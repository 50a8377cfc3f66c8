/**
 * Property: a partial rebuild's output equals a full build's, file for file, for the same
 * content. Random editorial changes (tests/helpers/generated-records.ts: new articles, titles,
 * slugs, relations, workshops moved between upcoming and past, the partner most articles
 * reference renamed, translations added and unpublished, entries unpublished and deleted, new
 * cover images whose optimised versions the live build does not have yet) go
 * through the rebuild service's own cycle (scripts/rebuild/partial-publish.ts, the warm
 * renderer, the hard-linked copy and the atomic switch); after each step the live build is
 * compared with a fresh `astro build` of the same content. The content comes from a snapshot
 * file (SITE_CONTENT_SNAPSHOT), the way the benchmarks build without Strapi; media from a real
 * HTTP server. PARTIAL_SEED replays a sequence, PARTIAL_STEPS sets its length.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveLink } from '../../scripts/lib/live-site.ts';
import { freePort } from '../../scripts/lib/net.ts';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { startStaticServer } from '../../scripts/lib/static-server.ts';
import type { ChangeSet } from '../../scripts/rebuild/changes.ts';
import { partialPublisher } from '../../scripts/rebuild/partial-publish.ts';
import type { CycleResult, Publisher } from '../../scripts/rebuild/publish.ts';
import { createWarmSite, type WarmSite } from '../../scripts/rebuild/warm-site.ts';
import { tempDir } from '../helpers/cms.ts';
import { siteDifferences } from '../helpers/site-output.ts';
import {
  MEDIA_FILES,
  generateContent,
  randomChange,
  randomSource,
  type Touched,
} from '../helpers/generated-records.ts';

const SEED = Number(process.env.PARTIAL_SEED ?? Math.floor(Math.random() * 1_000_000));
const STEPS = Number(process.env.PARTIAL_STEPS ?? 50);
const NOW = '2026-06-15T10:00:00.000Z';
const SITE_URL = 'https://www.koper-otok.test';

function changeSetOf(touched: Touched[]): ChangeSet {
  const byType = new Map<Touched['type'], Set<string>>();
  for (const { type, documentId } of touched) byType.set(type, (byType.get(type) ?? new Set()).add(documentId));
  return { documents: [...byType].map(([type, ids]) => ({ type, documentIds: [...ids] })), fullReason: null };
}

describe(`partial rebuilds equal full builds (seed ${SEED}, ${STEPS} steps)`, () => {
  const work = tempDir('partial');
  const snapshot = path.join(work, 'content.json');
  const sitesDir = path.join(work, 'sites');
  let media: Server;
  let mediaUrl: string;
  let site: WarmSite;
  let publish: Publisher;

  beforeAll(async () => {
    mkdirSync(path.join(work, 'media', 'uploads'), { recursive: true });
    const colours = ['#b04a2f', '#2f6fb0', '#3f8f4f', '#c9b037'];
    for (const [i, name] of MEDIA_FILES.entries())
      await sharp({ create: { width: 800, height: 450, channels: 3, background: colours[i] } })
        .png()
        .toFile(path.join(work, 'media', 'uploads', name));
    const port = await freePort();
    media = await startStaticServer(() => path.join(work, 'media'), port);
    mediaUrl = `http://127.0.0.1:${port}`;
    mkdirSync(sitesDir);
    const env = { SITE_CONTENT_SNAPSHOT: snapshot, SITE_NOW: NOW };
    site = createWarmSite({ strapiUrl: mediaUrl, siteUrl: SITE_URL, maxPartialPages: 5000, env });
    publish = partialPublisher({
      sitesDir,
      keepBuilds: 3,
      site,
      // The search index is left to its own tests (search-follow, partial-publish): here it would only cost time.
      search: { request: () => undefined, prepare: async () => false, exclusive: async (fn) => fn() },
      maxPartialDocuments: 200,
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await site?.stop();
    await new Promise((resolve) => media?.close(resolve));
  });

  const cycle = (changes: ChangeSet, reason: 'manual' | 'events'): Promise<CycleResult> =>
    publish({ signal: new AbortController().signal, reason, events: 1, changes, onBuildId: () => undefined });

  async function fullBuild(step: number, pathHistory: string | undefined): Promise<string> {
    const outDir = path.join(work, `full-${step}`);
    await buildSite({
      strapiUrl: mediaUrl,
      siteUrl: SITE_URL,
      outDir,
      label: false,
      pathHistoryFile: pathHistory,
      env: { SITE_CONTENT_SNAPSHOT: snapshot, SITE_NOW: NOW },
    });
    return outDir;
  }

  it(
    'after every random change, the live site equals a full build of the same content',
    { timeout: 900_000 },
    async () => {
      const random = randomSource(SEED);
      const content = generateContent(random, mediaUrl, new Date(NOW));
      writeFileSync(snapshot, JSON.stringify(content.records));
      expect((await cycle({ documents: [], fullReason: null }, 'manual')).mode).toBe('full');

      const modes: string[] = [];
      for (let step = 1; step <= STEPS; step++) {
        // The full build reads the path history the live build had before this step, as the service's full build would.
        const history = path.join(work, `history-${step}.json`);
        copyFileSync(path.join(liveLink(sitesDir), 'path-history.json'), history);
        const changes = Array.from({ length: 1 + random.int(3) }, () => randomChange(content, random, mediaUrl));
        writeFileSync(snapshot, JSON.stringify(content.records));
        const result = await cycle(changeSetOf(changes.flatMap((change) => change.touched)), 'events');
        modes.push(result.mode === 'partial' ? 'partial' : `full (${result.detail})`);
        const full = await fullBuild(step, existsSync(history) ? history : undefined);
        const found = siteDifferences(path.join(sitesDir, 'live'), full);
        expect(
          found,
          `seed ${SEED}, step ${step} (${changes.map((change) => change.description).join('; ')}), a ${modes.at(-1)} build`,
        ).toEqual([]);
        rmSync(full, { recursive: true, force: true });
      }
      // The property says nothing if every step fell back to a full build.
      const partial = modes.filter((mode) => mode === 'partial').length;
      expect(partial, modes.filter((mode) => mode !== 'partial').join('\n')).toBeGreaterThanOrEqual(STEPS * 0.9);
      expect(statSync(path.join(sitesDir, 'live', 'index.html')).isFile()).toBe(true);
    },
  );
});
