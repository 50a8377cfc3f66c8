/**
 * A built site as the deploy sees it: every file with its content hash, the headers it is to be
 * served with and, for the redirect pages of old paths, where it redirects to (from the build's
 * `_redirects`, written by site/integrations/redirects.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { listFiles } from '../lib/file-tree.ts';
import { withSlash } from '../../site/src/lib/content/redirect-rules.ts';
import { cacheControlOf, contentTypeOf } from './headers.ts';

export interface BuildFile {
  /** Relative to the build folder, with "/" (the object key below the target's prefix). */
  path: string;
  sha256: string;
  size: number;
  contentType: string;
  cacheControl: string;
  /** For a redirect page: the target, stored as the object's WebsiteRedirectLocation. */
  redirect?: string;
}

/** The `_redirects` file the build writes: "from to 301" (or 302) a line, paths percent-encoded. */
export const REDIRECTS_FILE = '_redirects';

function decoded(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

/**
 * Redirects by the key of the page at the old path ("/novice/star/" -> "novice/star/index.html").
 * The target is percent-encoded: an object's redirect location is an HTTP header, ASCII only.
 */
export function redirectsByKey(text: string): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [from, to, status = '301'] = line.trim().split(/\s+/);
    // A bucket's object redirect is always a 301, which browsers remember: a temporary redirect
    // stays a redirect page (meta refresh) there.
    if (!from?.startsWith('/') || !to || status !== '301') continue;
    // Like every page of the site, a path without an extension is a folder with an index.html.
    const page = withSlash(decoded(from)).replace(/^\/+/, '');
    const key = page === '' || page.endsWith('/') ? `${page}index.html` : page;
    byKey.set(key, encodeURI(decoded(to)));
  }
  return byKey;
}

export function readBuild(dir: string): BuildFile[] {
  if (!existsSync(path.join(dir, 'index.html')))
    throw new Error(`${dir} holds no built site (no index.html): nothing to deploy`);
  const redirectsFile = path.join(dir, REDIRECTS_FILE);
  const redirects = existsSync(redirectsFile) ? redirectsByKey(readFileSync(redirectsFile, 'utf8')) : new Map();
  return listFiles(dir).map((file) => {
    const bytes = readFileSync(path.join(dir, file));
    const redirect = redirects.get(file);
    return {
      path: file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
      contentType: contentTypeOf(file),
      cacheControl: cacheControlOf(file),
      ...(redirect ? { redirect } : {}),
    };
  });
}
