/**
 * Rendered markdown kept from one static build to the next. Rendering and sanitising every
 * body is the largest single cost of a build (13 s of CPU for 20,000 articles), and between
 * two builds almost every body is unchanged.
 *
 * Entries are keyed by a hash of the markdown text; the file is named by a hash of the
 * rendering rules (the renderer's options and the versions of marked and sanitize-html), so
 * a change to what is allowed through the sanitiser starts from an empty cache instead of
 * serving HTML made under the old rules. Each build writes back only what it used, so the
 * file holds one build's content, and writes it atomically (a temporary file, then rename).
 * It lives in Astro's cache folder, beside the image cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface MarkdownCache {
  /** HTML rendered under the same rules by an earlier build, if any. */
  get(markdown: string): string | undefined;
  /** Records the HTML of a body this build uses. */
  keep(markdown: string, html: string): void;
  /** The kept HTML, or `render(markdown)`; either way recorded as used (hashes the text once). */
  getOrRender(markdown: string, render: (markdown: string) => string): string;
  /** Writes what this build used (unless it equals what was read); returns the counts for the build log. */
  save(): { file: string; entries: number; reused: number; rendered: number; written: boolean };
}

const FILE_PREFIX = 'rendered-markdown-';
const hashOf = (markdown: string) => createHash('sha1').update(markdown).digest('base64url');

export function openMarkdownCache(dir: string, rulesKey: string): MarkdownCache {
  const file = path.join(dir, `${FILE_PREFIX}${rulesKey}.json`);
  const earlier = readEntries(file);
  const used = new Map<string, string>();
  let reused = 0;
  let rendered = 0;

  const keepHashed = (key: string, html: string) => {
    if (used.has(key)) return;
    if (earlier.get(key) === html) reused += 1;
    else rendered += 1;
    used.set(key, html);
  };

  return {
    get(markdown) {
      return earlier.get(hashOf(markdown));
    },
    keep(markdown, html) {
      keepHashed(hashOf(markdown), html);
    },
    getOrRender(markdown, render) {
      const key = hashOf(markdown);
      const html = earlier.get(key) ?? render(markdown);
      keepHashed(key, html);
      return html;
    },
    save() {
      // A rebuild with unchanged content used exactly what it read: 150 MB not rewritten.
      if (rendered === 0 && used.size === earlier.size) return { file, entries: used.size, reused, rendered, written: false };
      mkdirSync(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(Object.fromEntries(used)));
      renameSync(temporary, file);
      // Files of other rules are stale for good.
      for (const name of readdirSync(dir)) {
        if (name.startsWith(FILE_PREFIX) && path.join(dir, name) !== file && !name.endsWith('.tmp')) rmSync(path.join(dir, name), { force: true });
      }
      return { file, entries: used.size, reused, rendered, written: true };
    },
  };
}

/** An unreadable or damaged cache is only a slower build: start empty. */
function readEntries(file: string): Map<string, string> {
  try {
    return new Map(Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>));
  } catch {
    return new Map();
  }
}

// The build's config (where the integration opens the cache) and its pages (where markdown is
// rendered) are separate module graphs in one process, hence one process-wide slot.
const ACTIVE = Symbol.for('koper-otok.markdown-cache');
type Slot = { [ACTIVE]?: MarkdownCache };

export function useMarkdownCache(cache: MarkdownCache | undefined): void {
  (globalThis as Slot)[ACTIVE] = cache;
}

export const activeMarkdownCache = (): MarkdownCache | undefined => (globalThis as Slot)[ACTIVE];
