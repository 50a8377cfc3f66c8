/**
 * Where the old site's media live on this machine, and how their URLs are found and replaced
 * in markdown. Pure apart from checking whether files exist.
 *
 * The old site's files are never downloaded (this runs without internet access): a URL under
 * <site>/wp-content/uploads/ is looked up in the local copy of that folder (--uploads). When
 * a resized variant (photo-300x200.jpg) or WordPress's "-scaled" copy is not there, the original
 * file is used instead, which is what the new site should show anyway.
 */
import { statSync } from 'node:fs';
import path from 'node:path';

const UPLOADS_SEGMENT = '/wp-content/uploads/';

const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/^www\./, '');

/**
 * The path inside wp-content/uploads of a URL on the old site ("2017/06/foto.jpg", decoded),
 * or null for anything else (other hosts, other folders).
 */
export function uploadsPath(url: string, siteUrl: string): string | null {
  let parsed: URL;
  let site: URL;
  try {
    site = new URL(siteUrl);
    parsed = new URL(url, site);
  } catch {
    return null;
  }
  if (hostOf(parsed) !== hostOf(site)) return null;
  const at = parsed.pathname.indexOf(UPLOADS_SEGMENT);
  if (at === -1) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname.slice(at + UPLOADS_SEGMENT.length));
  } catch {
    return null;
  }
  const normalized = path.posix.normalize(relative.normalize('NFC'));
  return normalized && !normalized.startsWith('..') && !normalized.endsWith('/') ? normalized : null;
}

/** The file itself, then the original a resized or "-scaled" variant was made from. */
function candidatePaths(relativePath: string): string[] {
  const { dir, name, ext } = path.posix.parse(relativePath);
  const original = name.replace(/-\d+x\d+$/, '').replace(/-scaled$/, '');
  const candidates = [relativePath];
  if (original !== name) candidates.push(path.posix.join(dir, `${original}${ext}`));
  return candidates;
}

const isFile = (file: string) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;

/** The first candidate present in the uploads folder, as { absolute, relative }, or null. */
export function findLocalFile(uploadsDir: string, relativePath: string): { absolute: string; relative: string } | null {
  const root = path.resolve(uploadsDir);
  for (const relative of candidatePaths(relativePath)) {
    const absolute = path.resolve(root, relative);
    if (!absolute.startsWith(root + path.sep)) continue;
    // WordPress writes NFC names; a copy made on macOS may hold NFD ones.
    for (const variant of [absolute, absolute.normalize('NFD')]) {
      if (isFile(variant)) return { absolute: variant, relative };
    }
  }
  return null;
}

/**
 * The media library name of an uploads file: its path with "/" as "-", e.g. "2017-06-foto.jpg".
 * WordPress keeps paths unique, so the name identifies the file across re-runs of the import.
 */
export const mediaLibraryName = (relativePath: string) => relativePath.split('/').join('-');

/** Every link and image target in markdown, in order of appearance, each once. */
export function markdownTargets(markdown: string): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)(?:\s+"(?:[^"\\]|\\.)*")?\)/g)].map((m) => m[1]);
  return [...new Set(targets)];
}

/** Replaces link and image targets; other text, even if it contains the same URL, is left alone. */
export function replaceMarkdownTargets(markdown: string, replacements: Map<string, string>): string {
  return markdown.replace(/\]\(([^)\s]+)/g, (whole, target: string) => {
    const replacement = replacements.get(target);
    return replacement === undefined ? whole : `](${replacement}`;
  });
}
