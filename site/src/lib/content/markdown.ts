/**
 * Markdown from Strapi -> safe, valid HTML. marked renders, sanitize-html then keeps only an
 * allow-list: no script/style/iframe/object/embed/form, no event handlers, no style
 * attributes, only http(s)/mailto/tel links and http(s) images; html-repair.ts finally puts
 * what is left in valid order (no list item outside a list, no block inside a paragraph, ...).
 * Staff write content, but content also arrives by import and API, so it is treated as untrusted.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Marked, type MarkedExtension } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { buildSession } from '../build-session';
import { REPAIR_RULES, repairFragment } from './html-repair';
import type { MarkdownCache } from './markdown-cache';

const MARKED_OPTIONS: MarkedExtension = { gfm: true, breaks: false, async: false };
const marked = new Marked(MARKED_OPTIONS);

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'pre',
    'code',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
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
    'figure',
    'figcaption',
    'table',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'caption',
    'abbr',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    th: ['align', 'scope', 'colspan', 'rowspan'],
    td: ['align', 'colspan', 'rowspan'],
    ol: ['start'],
    abbr: ['title'],
    code: ['class'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // A page has one h1 (its title), so headings inside the body start at h2.
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      const attrs = external ? { ...attribs, rel: 'noopener noreferrer', target: attribs.target } : attribs;
      if (!attrs.target) delete attrs.target;
      return { tagName, attribs: attrs };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } }),
  },
  disallowedTagsMode: 'discard',
};

function sanitize(html: string): string {
  return sanitizeHtml(html, SANITIZE_OPTIONS);
}

const render = (markdown: string) => repairFragment(sanitize(marked.parse(markdown) as string)).html;

/**
 * How many images in this markdown have no alternative text (they are given alt="", which tells
 * screen readers to skip them). Only raw HTML can omit alt: marked writes one for ![..](..).
 */
export function imagesWithoutAlt(markdown: string | null | undefined): number {
  if (!markdown || !/<img/i.test(markdown)) return 0;
  return repairFragment(sanitize(marked.parse(markdown) as string)).imagesWithoutAlt;
}

/**
 * Names the rendering rules: the options above and the code that applies them (functions by
 * their source), and the versions of marked and sanitize-html. HTML kept between builds
 * (markdown-cache.ts) is only reused under the same key, so tightening the sanitiser
 * re-renders everything.
 */
export function renderingRulesKey(): string {
  const require = createRequire(import.meta.url);
  const versions = ['marked', 'sanitize-html'].map(
    (name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`,
  );
  const rules = JSON.stringify(
    { MARKED_OPTIONS, SANITIZE_OPTIONS, code: [render, sanitize], REPAIR_RULES, versions },
    (_key, value) =>
      typeof value === 'function' || value instanceof RegExp
        ? String(value)
        : value instanceof Set
          ? [...value]
          : value,
  );
  return createHash('sha256').update(rules).digest('hex').slice(0, 16);
}

/** From now on, renderMarkdown reuses HTML kept in `cache` (undefined: render everything). */
export function useMarkdownCache(cache: MarkdownCache | undefined): void {
  buildSession().markdownCache = cache;
}

/** Renders, or takes what an earlier build rendered under the same rules. */
function renderOrReuse(markdown: string): string {
  const cache = buildSession().markdownCache;
  return cache ? cache.getOrRender(markdown, render) : render(markdown);
}

/** Renders markdown (null/empty -> '') to sanitised HTML. */
export function renderMarkdown(markdown: string | null | undefined): string {
  if (!markdown) return '';
  const session = buildSession();
  const html = session.prerenderedMarkdown.get(markdown) ?? renderOrReuse(markdown);
  session.renderedForModel?.set(markdown, html);
  return html;
}

/**
 * Builds a site model keeping the HTML of every text it rendered for the next model: a warm
 * renderer (partial-build/) then renders only the texts that changed. Only what the newest model
 * uses is kept, so a long-running renderer holds one version of each text, not every edit.
 */
export function keepingRenderedMarkdown<T>(buildModel: () => T): T {
  const session = buildSession();
  const rendered = new Map<string, string>();
  session.renderedForModel = rendered;
  try {
    const model = buildModel();
    session.prerenderedMarkdown = rendered;
    return model;
  } finally {
    session.renderedForModel = undefined;
  }
}

/**
 * Renders now, for a renderMarkdown call later in this process: the static build renders each
 * page of content while Strapi is still answering the next. Only the build calls it, so the
 * store of rendered HTML cannot grow in the long-running preview server.
 */
export function prerenderMarkdown(markdown: string | null | undefined): void {
  const prerendered = buildSession().prerenderedMarkdown;
  if (markdown && !prerendered.has(markdown)) prerendered.set(markdown, renderOrReuse(markdown));
}
