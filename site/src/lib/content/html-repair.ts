/**
 * Turns sanitised HTML (markdown.ts) into a valid HTML fragment. sanitize-html keeps only safe
 * tags and attributes but not their content model, so pasted markup could still produce a list
 * item outside a list, a paragraph inside a paragraph, a link inside a link, a table with stray
 * children or an attribute the HTML spec does not allow. This pass parses the fragment into a
 * tree, moves or wraps every misplaced element the way a browser would, checks attribute values,
 * and writes the tree back out, with break opportunities in words too long for any column.
 */
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode } from 'domhandler';
import { FORBIDDEN_CHARACTERS, withoutForbiddenCharacters } from './forbidden-characters';

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = string | Element;

export interface RepairedFragment {
  html: string;
  /** Images that had no alt attribute and were given alt="" (missingAltWarnings in validate.ts reports them). */
  imagesWithoutAlt: number;
}

/** Deeper markup is flattened to its text: browsers flatten trees deeper than 512 elements. */
const MAX_DEPTH = 64;

const PHRASING = new Set([
  'br',
  'code',
  'strong',
  'em',
  'b',
  'i',
  's',
  'del',
  'ins',
  'sub',
  'sup',
  'mark',
  'small',
  'a',
  'img',
  'abbr',
]);
/** Elements that may hold phrasing content only: a block inside one is moved out, splitting it. */
const PHRASING_ONLY = new Set([...PHRASING, 'p', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);
const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
const VOID = new Set(['br', 'hr', 'img']);
const TABLE_SECTIONS = new Set(['thead', 'tbody', 'tfoot']);
const CELLS = new Set(['td', 'th']);
/** Elements that belong inside one particular parent, and the wrapper a stray one gets. */
const WRAPPER_OF: Record<string, string> = {
  li: 'ul',
  dt: 'dl',
  dd: 'dl',
  tr: 'table',
  td: 'table',
  th: 'table',
  thead: 'table',
  tbody: 'table',
  tfoot: 'table',
  caption: 'table',
};
const PROPER_PARENTS: Record<string, Set<string>> = {
  li: new Set(['ul', 'ol']),
  dt: new Set(['dl']),
  dd: new Set(['dl']),
  tr: new Set(['table', ...TABLE_SECTIONS]),
  td: new Set(['tr']),
  th: new Set(['tr']),
  thead: new Set(['table']),
  tbody: new Set(['table']),
  tfoot: new Set(['table']),
  caption: new Set(['table']),
  figcaption: new Set(['figure']),
};
/** rel keywords the HTML spec defines for links. */
const LINK_REL = new Set([
  'alternate',
  'author',
  'bookmark',
  'external',
  'help',
  'license',
  'next',
  'nofollow',
  'noopener',
  'noreferrer',
  'opener',
  'prev',
  'search',
  'tag',
]);
const ALIGNMENTS = new Set(['left', 'center', 'right', 'justify']);
const SCOPES = new Set(['row', 'col', 'rowgroup', 'colgroup']);

interface Context {
  depth: number;
  inLink: boolean;
  noHeadings: boolean;
  noTables: boolean;
}

export function repairFragment(html: string): RepairedFragment {
  const stats = { imagesWithoutAlt: 0 };
  const tree = fromDom(parseDocument(html).children);
  const root = { depth: 0, inLink: false, noHeadings: false, noTables: false };
  const repaired = normaliseChildren(
    '',
    tree.flatMap((node) => repairNode(node, root, stats)),
  );
  return { html: repaired.map((node) => serialise(node)).join(''), imagesWithoutAlt: stats.imagesWithoutAlt };
}

function fromDom(nodes: ChildNode[]): Node[] {
  return nodes.flatMap((node): Node[] => {
    if (isText(node)) return [withoutForbiddenCharacters(node.data)];
    if (!isTag(node)) return []; // comments, processing instructions
    const attrs = Object.fromEntries(Object.entries(node.attribs).map(([k, v]) => [k, withoutForbiddenCharacters(v)]));
    return [{ tag: node.name.toLowerCase(), attrs, children: fromDom(node.children) }];
  });
}

const textOf = (node: Node): string => (typeof node === 'string' ? node : node.children.map(textOf).join(''));
const isBlank = (node: Node) => typeof node === 'string' && node.trim() === '';
const isBlock = (node: Node) => typeof node !== 'string' && !PHRASING.has(node.tag);
const element = (tag: string, children: Node[], attrs: Record<string, string> = {}): Element => ({
  tag,
  attrs,
  children,
});

/** Repairs one node and what it holds; returns the nodes that take its place. */
function repairNode(node: Node, context: Context, stats: { imagesWithoutAlt: number }): Node[] {
  if (typeof node === 'string') return [node];
  if (context.depth >= MAX_DEPTH) return [textOf(node)];
  if (node.tag === 'a' && context.inLink) return node.children.flatMap((child) => repairNode(child, context, stats));
  if (node.tag === 'table' && context.noTables) return [textOf(node)];
  const tag = HEADINGS.has(node.tag) && context.noHeadings ? 'p' : node.tag;
  const attrs = checkAttributes(tag, node.attrs);
  if (!attrs) return [];
  if (tag === 'img' && !('alt' in node.attrs)) stats.imagesWithoutAlt += 1;
  if (tag === 'p' && node.children.every(isBlank)) return []; // an empty paragraph (a stray </p>) shows nothing
  if (VOID.has(tag)) return [element(tag, [], attrs)];
  const inner: Context = {
    depth: context.depth + 1,
    inLink: context.inLink || tag === 'a',
    noHeadings: context.noHeadings || tag === 'th' || tag === 'dt',
    noTables: context.noTables || tag === 'caption',
  };
  const children = normaliseChildren(
    tag,
    node.children.flatMap((child) => repairNode(child, inner, stats)),
  );
  const repaired = element(tag, children, attrs);
  return tag === 'table' ? fosterStrayContent(repaired) : [repaired];
}

/** Puts a parent's children in the order and wrappers its content model requires. */
function normaliseChildren(tag: string, children: Node[]): Node[] {
  const hoisted = children.flatMap(splitAroundBlocks);
  if (tag === 'ul' || tag === 'ol') return wrapRuns(hoisted, (n) => typeof n !== 'string' && n.tag === 'li', 'li');
  if (tag === 'dl') return pairTermsAndDefinitions(hoisted);
  if (TABLE_SECTIONS.has(tag)) return rowsOf(hoisted);
  if (tag === 'tr') return wrapRuns(hoisted, (n) => typeof n !== 'string' && CELLS.has(n.tag), 'td');
  if (tag === 'table') return hoisted; // rebuilt by fosterStrayContent
  const placed = wrapStrays(tag, hoisted);
  return tag === 'figure' ? keepOneCaption(placed) : placed;
}

/** A paragraph, heading or inline element holding a block becomes: before, the block, after. */
function splitAroundBlocks(node: Node): Node[] {
  if (typeof node === 'string' || !PHRASING_ONLY.has(node.tag) || !node.children.some(isBlock)) return [node];
  const parts: Node[] = [];
  let run: Node[] = [];
  const flush = () => {
    if (run.some((n) => !isBlank(n))) parts.push(element(node.tag, run, { ...node.attrs }));
    run = [];
  };
  for (const child of node.children) {
    if (isBlock(child)) {
      flush();
      parts.push(child);
    } else {
      run.push(child);
    }
  }
  flush();
  return parts;
}

/** Consecutive children that fail `belongs` are wrapped together into one `wrapper` element. */
function wrapRuns(children: Node[], belongs: (node: Node) => boolean, wrapper: string): Node[] {
  const out: Node[] = [];
  let run: Node[] = [];
  const flush = () => {
    if (run.some((n) => !isBlank(n))) out.push(...wrapped(wrapper, run));
    else out.push(...run);
    run = [];
  };
  for (const child of children) {
    if (belongs(child)) {
      flush();
      out.push(child);
    } else {
      run.push(child);
    }
  }
  flush();
  return out;
}

/** List items, terms and table parts outside their parent get one; a stray figcaption is unwrapped. */
function wrapStrays(parentTag: string, children: Node[]): Node[] {
  const out: Node[] = [];
  const wrappers = new Set<Element>();
  for (const child of children) {
    if (typeof child === 'string' || !(child.tag in PROPER_PARENTS) || PROPER_PARENTS[child.tag].has(parentTag)) {
      out.push(child);
      continue;
    }
    const wrapperTag = WRAPPER_OF[child.tag];
    if (!wrapperTag) {
      out.push(...child.children); // figcaption outside a figure
      continue;
    }
    const previous = out.at(-1);
    if (previous && typeof previous !== 'string' && wrappers.has(previous) && previous.tag === wrapperTag) {
      previous.children.push(child);
    } else {
      const wrapper = element(wrapperTag, [child]);
      wrappers.add(wrapper);
      out.push(wrapper);
    }
  }
  return out.flatMap((node) =>
    typeof node !== 'string' && wrappers.has(node) ? wrapped(node.tag, node.children) : [node],
  );
}

/** A new element around `children`, its content put in order like any other. */
function wrapped(tag: string, children: Node[]): Node[] {
  const wrapper = element(tag, normaliseChildren(tag, children));
  return tag === 'table' ? fosterStrayContent(wrapper) : [wrapper];
}

/** A description list is groups of terms followed by descriptions: missing halves are added empty. */
function pairTermsAndDefinitions(children: Node[]): Node[] {
  const items = wrapRuns(children, (n) => typeof n !== 'string' && (n.tag === 'dt' || n.tag === 'dd'), 'dd').filter(
    (n) => !isBlank(n),
  ) as Element[];
  const out: Element[] = [];
  for (const item of items) {
    const previous = out.at(-1)?.tag;
    if (item.tag === 'dd' && previous !== 'dt' && previous !== 'dd') out.push(element('dt', []));
    if (item.tag === 'dt' && previous === 'dt') out.push(element('dd', []));
    out.push(item);
  }
  if (out.at(-1)?.tag === 'dt') out.push(element('dd', []));
  return out;
}

/** Rows of a table section: cells and other content outside a row are wrapped into one. */
function rowsOf(children: Node[]): Node[] {
  return wrapRuns(children, (n) => typeof n !== 'string' && n.tag === 'tr', 'tr');
}

/**
 * A table holds one caption first, a head, bodies and a foot, in that order; rows directly inside
 * it go into a body, and anything else is placed before the table, as browsers do.
 */
function fosterStrayContent(table: Element): Node[] {
  const fostered: Node[] = [];
  let caption: Element | undefined;
  let head: Element | undefined;
  let foot: Element | undefined;
  const bodies: Element[] = [];
  let looseRows: Node[] = [];
  const flushRows = () => {
    if (looseRows.length > 0) bodies.push(element('tbody', rowsOf(looseRows)));
    looseRows = [];
  };
  for (const child of table.children) {
    if (isBlank(child)) continue;
    if (typeof child === 'string') {
      fostered.push(child);
    } else if (child.tag === 'tr' || CELLS.has(child.tag)) {
      looseRows.push(child);
    } else if (child.tag === 'caption' && !caption) {
      caption = child;
    } else if (child.tag === 'thead' && !head) {
      head = child;
    } else if (child.tag === 'tfoot' && !foot) {
      foot = child;
    } else if (TABLE_SECTIONS.has(child.tag)) {
      flushRows();
      bodies.push(element('tbody', child.children, child.attrs));
    } else {
      fostered.push(child.tag === 'caption' ? element('p', child.children) : child);
    }
  }
  flushRows();
  const parts = [caption, head, ...bodies, foot].filter((part): part is Element => part !== undefined);
  fitSpans(parts.filter((part) => part !== caption));
  return [...fostered, element('table', parts, table.attrs)];
}

const cellsOf = (row: Node) =>
  typeof row === 'string' ? [] : row.children.filter((c): c is Element => typeof c !== 'string' && CELLS.has(c.tag));

/**
 * The table model wants a cell beginning in every row and every column: an empty row gets an
 * empty cell, a row span ends with its row group, and columns that exist only because a cell
 * spans past every other row are taken out of that cell's colspan.
 */
function fitSpans(groups: Element[]): void {
  const starts = new Set<number>();
  const spanning: { cell: Element; from: number; to: number }[] = [];
  for (const group of groups) {
    const rows = group.children.filter((n): n is Element => typeof n !== 'string' && n.tag === 'tr');
    const taken = new Set<string>();
    rows.forEach((row, y) => {
      if (cellsOf(row).length === 0) row.children.push(element('td', []));
      let x = 0;
      for (const cell of cellsOf(row)) {
        while (taken.has(`${y},${x}`)) x += 1;
        const colspan = Number(cell.attrs.colspan ?? 1);
        const rowspan = Math.min(Number(cell.attrs.rowspan ?? 1) || rows.length - y, rows.length - y);
        if (rowspan > 1) cell.attrs.rowspan = String(rowspan);
        else delete cell.attrs.rowspan;
        for (let dy = 0; dy < rowspan; dy++) for (let dx = 0; dx < colspan; dx++) taken.add(`${y + dy},${x + dx}`);
        starts.add(x);
        if (colspan > 1) spanning.push({ cell, from: x, to: x + colspan });
        x += colspan;
      }
    });
  }
  for (const { cell, from, to } of spanning) {
    let colspan = to - from;
    for (let column = from + 1; column < to; column++) if (!starts.has(column)) colspan -= 1;
    if (colspan > 1) cell.attrs.colspan = String(colspan);
    else delete cell.attrs.colspan;
  }
}

/** A figure has at most one caption, first or last; others become plain content. */
function keepOneCaption(children: Node[]): Node[] {
  const isCaption = (n: Node) => typeof n !== 'string' && n.tag === 'figcaption';
  const content = children.filter((n) => !isBlank(n));
  const keep = [content[0], content.at(-1)].find((n) => n !== undefined && isCaption(n));
  return children.flatMap((n) => (isCaption(n) && n !== keep ? (n as Element).children : [n]));
}

const isInteger = (value: string | undefined, min: number, max: number) =>
  value !== undefined && /^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max;

/** The attributes the HTML spec allows with these values; null drops the element (an unusable image). */
function checkAttributes(tag: string, attrs: Record<string, string>): Record<string, string> | null {
  const out = { ...attrs };
  const dropUnless = (name: string, valid: boolean) => {
    if (name in out && !valid) delete out[name];
  };
  if (tag === 'img') {
    const src = httpUrl(attrs.src);
    if (!src) return null;
    out.src = src;
    out.alt ??= '';
    dropUnless('width', isInteger(attrs.width, 0, 100_000));
    dropUnless('height', isInteger(attrs.height, 0, 100_000));
  }
  if (tag === 'a') checkLinkAttributes(out);
  if (CELLS.has(tag)) {
    dropUnless('colspan', isInteger(attrs.colspan, 1, 1000));
    dropUnless('rowspan', isInteger(attrs.rowspan, 0, 65_534));
    dropUnless('scope', tag === 'th' && SCOPES.has(attrs.scope?.toLowerCase() ?? ''));
    // align is obsolete in HTML: the stylesheet aligns a cell by class (global.css, .prose).
    const align = attrs.align?.trim().toLowerCase();
    delete out.align;
    if (align && ALIGNMENTS.has(align)) out.class = `align-${align}`;
  }
  if (tag === 'ol') dropUnless('start', /^-?\d+$/.test(attrs.start?.trim() ?? ''));
  return out;
}

function checkLinkAttributes(attrs: Record<string, string>): void {
  const href = attrs.href === undefined ? null : linkUrl(attrs.href);
  if (href === null) {
    // Without a destination, a link may not say where or how it opens.
    for (const name of ['href', 'rel', 'target']) delete attrs[name];
    return;
  }
  attrs.href = href;
  const rel = (attrs.rel ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((token) => LINK_REL.has(token));
  if (rel.length > 0) attrs.rel = [...new Set(rel)].join(' ');
  else delete attrs.rel;
  const target = attrs.target?.trim();
  if (target && /^(_blank|_self|_parent|_top|[^_\s]\S*)$/i.test(target)) attrs.target = target;
  else delete attrs.target;
}

/** An absolute http(s) URL as the browser normalises it, otherwise null. */
function httpUrl(value: string | undefined): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link's URL with the characters a URL may not contain escaped; null when it cannot be parsed. */
function linkUrl(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  try {
    if (/^[a-z][a-z\d+.-]*:/i.test(trimmed)) {
      const url = new URL(trimmed);
      return url.protocol === 'http:' || url.protocol === 'https:'
        ? url.href
        : trimmed.replace(/[\s<>"\\^`{|}]/g, encodeURIComponent);
    }
    new URL(trimmed, 'https://relative.invalid/');
  } catch {
    return null;
  }
  return trimmed.replace(/%(?![\da-f]{2})/gi, '%25').replace(/[\s<>"\\^`{|}]/g, encodeURIComponent);
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** Characters of one unbroken word between the break opportunities (<wbr>) it is given. */
const WORD_PIECE = 40;
const LONG_WORD = new RegExp(`\\S{${WORD_PIECE + 1},}`, 'gu');

/**
 * Text with a <wbr> every WORD_PIECE characters of a longer word. The stylesheet lets any word
 * wrap (overflow-wrap: anywhere), but Chromium takes seconds to lay out a pasted word of many
 * thousand characters that way, and none with break opportunities.
 */
function withBreakOpportunities(text: string): string {
  const pieces: string[] = [];
  let last = 0;
  for (const match of text.matchAll(LONG_WORD)) {
    pieces.push(escapeText(text.slice(last, match.index)));
    pieces.push(
      Array.from(match[0].matchAll(new RegExp(`.{1,${WORD_PIECE}}`, 'gsu')), ([piece]) => escapeText(piece)).join(
        '<wbr />',
      ),
    );
    last = match.index + match[0].length;
  }
  pieces.push(escapeText(text.slice(last)));
  return pieces.join('');
}

function serialise(node: Node, inPre = false): string {
  if (typeof node === 'string') return inPre ? escapeText(node) : withBreakOpportunities(node);
  const attrs = Object.entries(node.attrs)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (VOID.has(node.tag)) return `<${node.tag}${attrs} />`;
  // A parser drops the first newline after <pre>, so one that belongs to the text is doubled.
  const first =
    node.tag === 'pre' && typeof node.children[0] === 'string' && node.children[0].startsWith('\n') ? '\n' : '';
  const children = node.children.map((child) => serialise(child, inPre || node.tag === 'pre')).join('');
  return `<${node.tag}${attrs}>${first}${children}</${node.tag}>`;
}

/** Every rule above, named for renderingRulesKey (markdown.ts): changing one re-renders kept HTML. */
export const REPAIR_RULES = [
  {
    MAX_DEPTH,
    WORD_PIECE,
    PHRASING,
    PHRASING_ONLY,
    WRAPPER_OF,
    PROPER_PARENTS,
    LINK_REL,
    ALIGNMENTS,
    SCOPES,
    FORBIDDEN_CHARACTERS,
  },
  [repairFragment, fromDom, repairNode, normaliseChildren, splitAroundBlocks, wrapRuns, wrapStrays, wrapped],
  [
    pairTermsAndDefinitions,
    rowsOf,
    fosterStrayContent,
    cellsOf,
    fitSpans,
    keepOneCaption,
    checkAttributes,
    checkLinkAttributes,
  ],
  [
    httpUrl,
    linkUrl,
    escapeText,
    escapeAttribute,
    withBreakOpportunities,
    serialise,
    isInteger,
    textOf,
    isBlank,
    isBlock,
    withoutForbiddenCharacters,
  ],
];
