/**
 * Paragraphs for classic WordPress content, a small cousin of WordPress's wpautop().
 *
 * The classic editor stores text without <p> tags: a blank line separates paragraphs and a
 * single newline is a line break; WordPress adds the tags only when it renders a page. Without
 * this step the whole post would become one paragraph. Block-level elements (tables, lists,
 * figures, headings, block-editor markup that already has <p>) are copied through untouched.
 */

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'iframe',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
]);
const VOID_BLOCK_TAGS = new Set(['hr']);

// The next HTML comment or opening tag of any element; block-ness is decided afterwards.
const NEXT_TAG = /<!--|<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g;

/** Index just after the element opened at `start`, counting nested elements of the same name. */
function endOfElement(html: string, tag: string, start: number): number {
  const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
  tags.lastIndex = start;
  let depth = 0;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return tags.lastIndex;
  }
  return html.length; // never closed: the rest of the post belongs to it
}

function endOfComment(html: string, start: number): number {
  const close = html.indexOf('-->', start);
  return close === -1 ? html.length : close + 3;
}

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => `<p>${chunk.replace(/\s*\n\s*/g, '<br>\n')}</p>`)
    .join('\n');
}

/** Wraps the loose text of `html` in paragraphs, leaving block-level elements as they are. */
export function autop(html: string): string {
  const source = html.replace(/\r\n?/g, '\n');
  const out: string[] = [];
  let textStart = 0;
  const nextTag = new RegExp(NEXT_TAG.source, 'g');
  for (let m = nextTag.exec(source); m; m = nextTag.exec(source)) {
    const tag = m[1]?.toLowerCase();
    const isComment = m[0] === '<!--';
    if (!isComment && !BLOCK_TAGS.has(tag!)) continue;
    out.push(paragraphs(source.slice(textStart, m.index)));
    const end = isComment
      ? endOfComment(source, m.index)
      : VOID_BLOCK_TAGS.has(tag!)
        ? nextTag.lastIndex
        : endOfElement(source, tag!, m.index);
    out.push(source.slice(m.index, end));
    textStart = end;
    nextTag.lastIndex = end;
  }
  out.push(paragraphs(source.slice(textStart)));
  return out.filter((part) => part.trim() !== '').join('\n');
}
