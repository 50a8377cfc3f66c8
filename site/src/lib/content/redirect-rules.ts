/**
 * Every redirect of a build in one list (staff redirects from the CMS first, then the WordPress
 * redirect map, then the earlier slugs from the path history), written two ways: `_redirects`
 * for hosts and CDNs that read it, and an nginx include of exact-match locations (deploy/nginx).
 * Chains are collapsed so a visitor makes one hop, and a loop fails the build, since no host
 * could ever serve it.
 */
import { withTrailingSlash } from '@koper-otok/content-types';
import type { RedirectRecord } from '../cms/records';

/** 301 moved for good (the default), 302 for a while: the page may come back. */
export type RedirectStatus = 301 | 302;

export interface Redirect {
  from: string;
  /** A path of this site or (staff redirects only) a full http(s) URL. */
  to: string;
  status?: RedirectStatus;
}

/** The file in the build's output that nginx includes (deploy/nginx/site.conf hides it). */
export const NGINX_REDIRECTS_FILE = 'nginx-redirects.conf';

/**
 * The redirect map the build read, published in its output so that a build with no local copy
 * of the map (the GitHub workflow) reads it back from the live site.
 */
export const REDIRECT_MAP_FILE = 'redirects.json';

/** Folder paths end with "/" like every page of the site (trailingSlash: 'always'). */
export const withSlash = withTrailingSlash;

function decodedPath(p: string): string | undefined {
  try {
    return decodeURI(p);
  } catch {
    return undefined;
  }
}

/** One spelling per page: "/a/%C4%8D" and "/a/č/" are the same page. */
const samePage = (p: string) => withSlash(decodedPath(p) ?? p);

/**
 * Several lists of redirects as one, the earlier list winning for the same old path: a redirect
 * staff set in the CMS replaces the import map's or a changed slug's for that path. Within one
 * list a path sent to two places is still a conflict (collapseRedirects).
 */
export function mergeRedirectSources(...lists: Redirect[][]): Redirect[] {
  const taken = new Set<string>();
  const merged: Redirect[] = [];
  for (const list of lists) {
    const own = new Set<string>();
    for (const redirect of list) {
      const key = samePage(redirect.from);
      if (taken.has(key)) continue;
      own.add(key);
      merged.push(redirect);
    }
    for (const key of own) taken.add(key);
  }
  return collapseRedirects(merged);
}

/**
 * Collapses chains (A→B and B→C give A→C and B→C) and refuses loops and paths that redirect to
 * two places, naming the paths. A chain with a temporary hop stays temporary, since a permanent
 * redirect would be remembered by browsers. Order is kept; exact duplicates are dropped.
 */
export function collapseRedirects(redirects: Redirect[]): Redirect[] {
  const targets = new Map<string, Redirect>();
  const unique: Redirect[] = [];
  for (const redirect of redirects) {
    const key = samePage(redirect.from);
    const earlier = targets.get(key);
    if (earlier && samePage(earlier.to) !== samePage(redirect.to)) {
      throw new Error(`Redirect conflict: ${redirect.from} redirects both to ${earlier.to} and to ${redirect.to}`);
    }
    if (earlier) continue;
    targets.set(key, redirect);
    unique.push(redirect);
  }
  return unique.map((redirect) => finalRedirect(redirect, targets));
}

function finalRedirect({ from, to, status }: Redirect, targets: Map<string, Redirect>): Redirect {
  const chain = [from];
  const seen = new Set([samePage(from)]);
  let target = to;
  let temporary = status === 302;
  for (;;) {
    chain.push(target);
    if (seen.has(samePage(target))) {
      throw new Error(`Redirect loop: ${chain.join(' -> ')} (fix the redirect map or the entries' slugs)`);
    }
    seen.add(samePage(target));
    const next = targets.get(samePage(target));
    if (!next) return temporary ? { from, to: target, status: 302 } : { from, to: target };
    temporary ||= next.status === 302;
    target = next.to;
  }
}

/** A redirect staff set in the CMS (normalised there on save): temporary ones answer 302. */
export const staffRedirect = ({ from, to, kind }: RedirectRecord): Redirect =>
  kind === 'temporary' ? { from, to, status: 302 } : { from, to };

export const statusOf = (redirect: Redirect): RedirectStatus => redirect.status ?? 301;

/** `_redirects`: "from to 301" a line, paths percent-encoded. */
export const redirectsFileText = (redirects: Redirect[]) =>
  redirects
    .map(
      (redirect) =>
        `${encodeURI(redirect.from)} ${encodeURI(decodedPath(redirect.to) ?? redirect.to)} ${statusOf(redirect)}\n`,
    )
    .join('');

export interface NginxRules {
  text: string;
  /** Redirects nginx cannot express safely, with the reason, for the build log. */
  skipped: { redirect: Redirect; reason: string }[];
}

// Quotes and backslashes would end nginx's quoted string; "$" starts a variable; control
// characters (newlines included) would end the directive.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NGINX = /["\\$\u0000-\u001f\u007f]/;

function whyNotNginx({ from, to }: Redirect, match: string | undefined, location: string | undefined) {
  if (/[?#]/.test(from)) return 'nginx locations cannot match a query string or fragment';
  if (match === undefined || location === undefined) return 'malformed percent-encoding';
  if (/\/\.{1,2}(\/|$)|\/\//.test(match)) return 'nginx normalises "//", "." and ".." before matching';
  if (UNSAFE_IN_NGINX.test(match) || UNSAFE_IN_NGINX.test(location)) return 'a quote, "\\", "$" or control character';
  if (to.startsWith('//')) return 'the target must be a path of this site or a full http(s) URL';
  return undefined;
}

/**
 * The nginx include: one exact-match location per redirect. nginx matches the decoded path,
 * so the location holds the decoded path and the Location header the percent-encoded one.
 */
export function nginxRedirectRules(redirects: Redirect[]): NginxRules {
  const lines = [
    '# Generated by every site build from the CMS redirects, the redirect map and the path history; do not edit.',
  ];
  const skipped: NginxRules['skipped'] = [];
  for (const redirect of redirects) {
    const match = decodedPath(redirect.from);
    const decodedTarget = decodedPath(redirect.to);
    const location = decodedTarget === undefined ? undefined : encodeURI(decodedTarget);
    const reason = whyNotNginx(redirect, match, location);
    if (reason) skipped.push({ redirect, reason });
    else lines.push(`location = "${match}" { return ${statusOf(redirect)} "${location}"; }`);
  }
  return { text: `${lines.join('\n')}\n`, skipped };
}
