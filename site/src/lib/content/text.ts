/** Plain text from sanitised HTML: meta descriptions, feeds, structured data. */

/** Plain text of sanitised HTML, shortened for a meta description. */
export function textOf(html: string, max = 160): string {
  // A <wbr /> (html-repair.ts) only marks where a long word may wrap: it is no space.
  const text = decodeEntities(html.replace(/<wbr \/>/g, '').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

// sanitize-html escapes only these in text; the result is escaped again wherever it lands.
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};
const decodeEntities = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e]);

/**
 * Text without the control characters XML 1.0 and iCalendar forbid (C0 controls other than tab,
 * newline and carriage return, and the non-characters U+FFFE/U+FFFF). One stray character pasted
 * into a title (a vertical tab from a word processor, say) would otherwise make the whole RSS
 * feed unreadable to every feed reader, which must reject malformed XML.
 */
export { withoutControlCharacters } from '@koper-otok/content-types';
