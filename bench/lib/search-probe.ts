/**
 * Reads the live site's Pagefind index from outside, to tell when search has caught up with a
 * change. pagefind/pagefind-entry.json names one metadata file per language
 * (pagefind.<hash>.pf_meta), which lists the page ids of the index; each page's text and URL
 * are in fragment/<page id>.pf_fragment. Metadata and fragments are gzip-compressed, start with
 * the "pagefind_dcd" signature and are CBOR (metadata) or JSON (fragments). Fragments are named
 * by a hash of their content, so the URL a fragment file holds never changes and is cached.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

const SIGNATURE = 'pagefind_dcd';

export interface SearchProbe {
  /** The live index's entry file as text, or null when the live build has none. */
  entry(): string | null;
  /** The indexed text of the page at `url` ("/novice/x/") in the live index, or null when it is not indexed. */
  pageText(url: string): string | null;
}

function readPagefindFile(file: string): Buffer {
  const data = gunzipSync(readFileSync(file));
  if (data.subarray(0, SIGNATURE.length).toString('latin1') !== SIGNATURE)
    throw new Error(`${file} is not a Pagefind file (no ${SIGNATURE} signature)`);
  return data.subarray(SIGNATURE.length);
}

/**
 * The CBOR text strings of a metadata file that look like page ids ("sl_5e68af2"). Decoding only
 * the short text strings is enough: the ids are the only strings of that shape, and a string
 * of that shape that is not a page (an index chunk's hash) has no fragment file and is dropped.
 */
function pageIdsOf(meta: Buffer): string[] {
  const ids: string[] = [];
  for (let i = 0; i < meta.length; i++) {
    const length = meta[i] - 0x60; // CBOR major type 3 (text) with the length in the first byte
    if (length < 4 || length > 23) continue;
    const text = meta.subarray(i + 1, i + 1 + length).toString('latin1');
    if (/^[a-z]{2,3}(-[a-z0-9]+)?_[0-9a-f]+$/.test(text)) ids.push(text);
  }
  return ids;
}

export function createSearchProbe(liveDir: string): SearchProbe {
  const pagefindDir = path.join(liveDir, 'pagefind');
  const urlOfFragment = new Map<string, string | null>();

  function fragmentFile(id: string): string {
    return path.join(pagefindDir, 'fragment', `${id}.pf_fragment`);
  }

  function urlOf(id: string): string | null {
    if (!urlOfFragment.has(id)) {
      const file = fragmentFile(id);
      urlOfFragment.set(id, existsSync(file) ? JSON.parse(readPagefindFile(file).toString('utf8')).url : null);
    }
    return urlOfFragment.get(id)!;
  }

  function entry(): string | null {
    try {
      return readFileSync(path.join(pagefindDir, 'pagefind-entry.json'), 'utf8');
    } catch {
      return null;
    }
  }

  return {
    entry,
    pageText(url) {
      const text = entry();
      if (text === null) return null;
      const languages: Record<string, { hash: string }> = JSON.parse(text).languages;
      for (const { hash } of Object.values(languages)) {
        const meta = readPagefindFile(path.join(pagefindDir, `pagefind.${hash}.pf_meta`));
        const id = pageIdsOf(meta).find((candidate) => urlOf(candidate) === url);
        if (id) return readPagefindFile(fragmentFile(id)).toString('utf8');
      }
      return null;
    },
  };
}

/** What the index must say about a page once search has caught up with a change. */
export type SearchExpectation = { url: string; shows: string } | { url: string; gone: true };

/**
 * Whether the live search index has caught up with a change: its entry file is no longer the
 * one it was before the change (`entryBefore`), and it indexes the page with the new text, or
 * no longer indexes it. (When the rebuild service reports its search follower's state, this is
 * the one place to read it instead.)
 */
export function searchCaughtUp(probe: SearchProbe, entryBefore: string | null, expected: SearchExpectation): boolean {
  const entry = probe.entry();
  if (entry === null || entry === entryBefore) return false;
  const text = probe.pageText(expected.url);
  return 'gone' in expected ? text === null : text !== null && text.includes(expected.shows);
}
