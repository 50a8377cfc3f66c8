/**
 * Rendered markdown kept from one static build to the next. Rendering and sanitising every
 * body is the largest single cost of a build, and between two builds almost every body is
 * unchanged.
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

const FILE_PREFIX = 'markdown-cache-';
// Files of the earlier format (one JSON object), removed like stale rules.
const LEGACY_PREFIX = 'rendered-markdown-';
const hashOf = (markdown: string) => createHash('sha1').update(markdown).digest('base64url');

/**
 * The file: a format line, one line of JSON index ({ keys, lengths }: byte lengths), then the
 * UTF-8 HTML of every entry, back to back. Opening it costs one read and a small parse; each
 * entry is decoded only when a page asks for it, where one large JSON object would block the
 * build's thread while it is parsed.
 */
const FORMAT = Buffer.from('koper-otok rendered markdown v1\n');
const NEWLINE = 0x0a;

export function openMarkdownCache(dir: string, rulesKey: string): MarkdownCache {
  const file = path.join(dir, `${FILE_PREFIX}${rulesKey}.bin`);
  const earlier = readEntries(file);
  const used = new Map<string, Buffer>();
  let reused = 0;
  let rendered = 0;

  const keepHashed = (key: string, html: Buffer, fromEarlier: boolean) => {
    if (used.has(key)) return;
    if (fromEarlier) reused += 1;
    else rendered += 1;
    used.set(key, html);
  };

  return {
    get(markdown) {
      return earlier.get(hashOf(markdown))?.toString('utf8');
    },
    keep(markdown, html) {
      const key = hashOf(markdown);
      const stored = earlier.get(key);
      const same = stored !== undefined && stored.toString('utf8') === html;
      keepHashed(key, same ? stored : Buffer.from(html), same);
    },
    getOrRender(markdown, render) {
      const key = hashOf(markdown);
      const stored = earlier.get(key);
      if (stored) {
        keepHashed(key, stored, true);
        return stored.toString('utf8');
      }
      const html = render(markdown);
      keepHashed(key, Buffer.from(html), false);
      return html;
    },
    save() {
      // A rebuild with unchanged content used exactly what it read: nothing to rewrite.
      if (rendered === 0 && used.size === earlier.size)
        return { file, entries: used.size, reused, rendered, written: false };
      mkdirSync(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, serialise(used));
      renameSync(temporary, file);
      // Files of other rules (or of an older format) are stale for good.
      removeMarkdownCaches(dir, file);
      return { file, entries: used.size, reused, rendered, written: true };
    },
  };
}

/** Removes the cache files in `dir` (of any rules, either format), except `keep`. */
export function removeMarkdownCaches(dir: string, keep?: string): void {
  for (const name of readdirSync(dir)) {
    const ours = name.startsWith(FILE_PREFIX) || name.startsWith(LEGACY_PREFIX);
    if (ours && path.join(dir, name) !== keep && !name.endsWith('.tmp')) rmSync(path.join(dir, name), { force: true });
  }
}

function serialise(entries: Map<string, Buffer>): Buffer {
  const bodies = [...entries.values()];
  const index = JSON.stringify({ keys: [...entries.keys()], lengths: bodies.map((body) => body.length) });
  return Buffer.concat([FORMAT, Buffer.from(index), Buffer.from([NEWLINE]), ...bodies]);
}

/** Entries as views into the file's bytes. An unreadable or damaged cache is only a slower build: start empty. */
function readEntries(file: string): Map<string, Buffer> {
  const entries = new Map<string, Buffer>();
  try {
    const data = readFileSync(file);
    if (!data.subarray(0, FORMAT.length).equals(FORMAT)) return entries;
    const indexEnd = data.indexOf(NEWLINE, FORMAT.length);
    if (indexEnd < 0) return entries;
    const { keys, lengths } = JSON.parse(data.toString('utf8', FORMAT.length, indexEnd)) as {
      keys: string[];
      lengths: number[];
    };
    let offset = indexEnd + 1;
    keys.forEach((key, i) => entries.set(key, data.subarray(offset, (offset += lengths[i]))));
    // A file cut short, or with bytes the index does not account for, is not trusted at all.
    if (keys.length !== lengths.length || offset !== data.length) entries.clear();
  } catch {
    entries.clear();
  }
  return entries;
}
