/**
 * The warm renderer, a child process of the rebuild service (scripts/rebuild/warm-site.ts):
 * `node render-server.ts` runs one full static build (the same `astro build` as
 * `npm run build`, through Astro's API, into SITE_OUT_DIR) and then stays up, keeping that
 * build's renderer in memory (partial-build/), to answer partial rebuilds sent over IPC:
 *
 *   parent -> { kind: 'partial', id, outDir, changes, maxPages }
 *   child  -> { kind: 'built' } once, then { kind: 'partial-done', id, result }
 *             or { kind: 'partial-failed', id, refused, message } per request
 *   parent -> { kind: 'sitemap', id, liveDir } after the switch
 *   child  -> { kind: 'sitemap-done', id, written } or { kind: 'sitemap-failed', id, message }
 *
 * A failed full build exits with status 1. A second full build runs in a new process: module
 * state of one build never leaks into the next.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro';
import { buildSession } from './src/lib/build-session.ts';
import type { ChangedDocuments } from './partial-build/update.ts';

type Message =
  | { kind: 'partial'; id: number; outDir: string; changes: ChangedDocuments[]; maxPages: number }
  | { kind: 'sitemap'; id: number; liveDir: string };

const siteDir = path.dirname(fileURLToPath(import.meta.url));

function send(message: object): void {
  process.send?.(message);
}

async function answer(message: Message): Promise<void> {
  const renderer = buildSession().warmRenderer;
  try {
    if (!renderer) throw new Error('the full build has not kept a renderer');
    if (message.kind === 'sitemap') {
      const written = await renderer.writeOwedSitemap(message.liveDir);
      return send({ kind: 'sitemap-done', id: message.id, written });
    }
    const result = await renderer.update(message);
    send({ kind: 'partial-done', id: message.id, result });
  } catch (error) {
    const refused = (error as Error).name === 'PartialRefusal';
    send({ kind: `${message.kind}-failed`, id: message.id, refused, message: (error as Error).message });
  }
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('render-server.ts runs as a child of the rebuild service (with an IPC channel)');
  process.env.SITE_RENDERER = 'warm';
  await build({ root: siteDir });
  send({ kind: 'built' });
  // One request at a time, in the order asked; first what the first partial build needs.
  // A failed warm-up only means the first partial build works it out itself.
  let queue = (buildSession().warmRenderer?.warmUp() ?? Promise.resolve()).catch(() => undefined);
  process.on('message', (message: Message) => {
    if (message?.kind === 'partial' || message?.kind === 'sitemap') queue = queue.then(() => answer(message));
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: Error) => {
  console.error(`[render-server] ${error.stack ?? error.message}`);
  process.exit(1);
});
