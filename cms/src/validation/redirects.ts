/**
 * The rules of a redirect staff manage in the admin, as pure functions: the old address is one
 * spelling of a path of this site (what nginx can match exactly), the new one a path of this
 * site or a full http(s) URL, and no redirect leads in a circle. A target that redirects on is
 * followed to its end, so visitors make one hop; the editor reads why in the note.
 * Messages in Slovenian, then English, like rules.ts.
 */
import { withTrailingSlash } from '@koper-otok/content-types';
import { isHttpUrl, problem, type FieldProblem, type Label } from './rules';

export type Checked = { value: string } | { problem: FieldProblem };

// Quotes and backslashes would end nginx's quoted string, "$" starts a variable, control
// characters end the directive (site/src/lib/content/redirect-rules.ts leaves such paths out).
// eslint-disable-next-line no-control-regex
const UNSAFE_FOR_SERVER = /["\\$\u0000-\u001f\u007f]/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function decoded(text: string): string | undefined {
  try {
    return decodeURI(text);
  } catch {
    return undefined;
  }
}

/** "stara//stran" -> "/stara/stran/"; undefined when the path cannot be one spelling of a page. */
function normalisedPath(text: string): string | undefined {
  const path = decoded(text);
  if (path === undefined || UNSAFE_FOR_SERVER.test(path)) return undefined;
  const single = `/${path}`.replace(/\/{2,}/g, '/');
  if (single.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  return withTrailingSlash(single);
}

const notAPath = (label: Label, field: string) =>
  problem(
    label,
    field,
    'naslov vsebuje znake, ki jih strežnik ne more preusmeriti (narekovaje, »\\«, »$«, ».« ali »..« kot del poti ali napačno kodiranje).',
    'contains characters the server cannot redirect (quotes, "\\", "$", "." or ".." segments, or bad percent-encoding).',
  );

/** The old address as the one spelling the site and nginx use: "/stara-stran/". */
export function checkSource(raw: unknown, label: Label): Checked {
  const text = String(raw ?? '').trim();
  if (HAS_SCHEME.test(text) || text.startsWith('//')) {
    return {
      problem: problem(
        label,
        'from',
        'vpišite le pot na naši strani, brez https:// in domene, npr. /stara-novica/.',
        'must be a path of this site without scheme or host, e.g. /old-news/.',
      ),
    };
  }
  if (/[?#]/.test(text)) {
    return {
      problem: problem(
        label,
        'from',
        'naslov z »?« ali »#« ni podprt: strežnik preusmerja le poti, npr. /stara-novica/.',
        'query strings and fragments are not supported; the server matches paths only.',
      ),
    };
  }
  const path = normalisedPath(text);
  return path === undefined ? { problem: notAPath(label, 'from') } : { value: path };
}

/** The new address: a path of this site (with an optional query) or a full http(s) URL. */
export function checkTarget(raw: unknown, label: Label): Checked {
  const text = String(raw ?? '').trim();
  if (HAS_SCHEME.test(text) || text.startsWith('//')) {
    if (isHttpUrl(text) && !UNSAFE_FOR_SERVER.test(text)) return { value: text };
    return {
      problem: problem(
        label,
        'to',
        'vpišite pot na naši strani (npr. /novice/) ali celoten naslov druge strani, ki se začne s https://.',
        'must be a path of this site (e.g. /news/) or a full http(s) URL.',
      ),
    };
  }
  const split = text.search(/[?#]/);
  const [pathPart, rest] = split < 0 ? [text, ''] : [text.slice(0, split), text.slice(split)];
  const path = normalisedPath(pathPart);
  if (path === undefined || UNSAFE_FOR_SERVER.test(rest)) return { problem: notAPath(label, 'to') };
  return { value: `${path}${rest}` };
}

export interface Resolved {
  /** Where the redirect ends: its own target, or the end of the chain it starts. */
  to: string;
  /** The targets passed on the way, when the chain was flattened. */
  via: string[];
}

/**
 * Follows the target through the other redirects (old address -> new address) to its end.
 * A redirect to itself, or one that comes back to its own old address, is a loop.
 */
export function resolveTarget(
  from: string,
  to: string,
  others: ReadonlyMap<string, string>,
  label: Label,
): Resolved | { problem: FieldProblem } {
  const chain = [from, to];
  let target = to;
  for (;;) {
    if (target === from || chain.indexOf(target) < chain.length - 1) {
      return {
        problem: problem(
          label,
          'to',
          `preusmeritev bi se vrtela v krogu (${chain.join(' → ')}); izberite drug novi naslov.`,
          `the redirect would loop (${chain.join(' -> ')}).`,
        ),
      };
    }
    const next = others.get(target);
    if (next === undefined) return { to: target, via: chain.slice(1, -1) };
    chain.push(next);
    target = next;
  }
}

/** The note's line when a chain was flattened, so the editor sees what happened and why. */
export const flattenedNote = (entered: string, resolved: Resolved) =>
  `Novi naslov ${entered} že preusmerja naprej (${resolved.via.join(' → ')} → ${resolved.to}), zato ta preusmeritev vodi neposredno na ${resolved.to}. / ` +
  `The target ${entered} already redirects on, so this redirect now points straight at ${resolved.to}.`;

/** The note's line on a redirect that pointed at an address which now redirects itself. */
export const retargetedNote = (from: string, to: string) =>
  `Skrajšano: ${from} zdaj preusmerja na ${to}, zato ta preusmeritev vodi neposredno tja. / ` +
  `Flattened: ${from} now redirects to ${to}, so this redirect points there directly.`;

export const withNoteLine = (note: unknown, line: string) =>
  typeof note === 'string' && note.trim() !== '' ? `${note.trim()}\n${line}` : line;

export const sourceIsPage = (label: Label, path: string): FieldProblem =>
  problem(
    label,
    'from',
    `${path} je naslov strani, ki na spletnem mestu obstaja; preusmeritev bi jo skrila. Če naj stran izgine, jo najprej umaknite iz objave.`,
    `${path} is a live page of the site; a redirect would hide it (unpublish the page first).`,
  );

export const sourceTaken = (label: Label, path: string): FieldProblem =>
  problem(
    label,
    'from',
    `za ${path} preusmeritev že obstaja; uredite tisto.`,
    `a redirect from ${path} already exists; edit that one.`,
  );

export const mirroredRedirect = (label: Label): FieldProblem =>
  problem(
    label,
    'origin',
    'to preusmeritev je ustvarilo spletno mesto (uvoz iz WordPressa ali spremenjen spletni naslov) in je tu le na ogled. Za drugačen cilj ustvarite svojo preusmeritev z istim starim naslovom; ta ima prednost.',
    'this redirect comes from the import or a slug change and is read-only here; create a staff redirect for the same old address to override it.',
  );

export const pageTakenByRedirect = (label: Label, path: string): FieldProblem =>
  problem(
    label,
    'slug',
    `na naslovu ${path} je preusmeritev (Preusmeritve), ki bi stran skrila; izbrišite preusmeritev ali izberite drug spletni naslov.`,
    `${path} is the old address of a redirect, which would hide the page; delete the redirect or choose another slug.`,
  );
