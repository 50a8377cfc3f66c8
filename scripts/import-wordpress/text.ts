/**
 * Small plain-text helpers for WordPress strings: titles and excerpts arrive with HTML
 * entities (&#8211;, &amp;, &scaron;) and sometimes tags, and Strapi's plain-text fields want neither.
 */
import { decodeHTML, DecodingMode } from 'entities';

/**
 * Decodes every HTML entity (named, decimal, hexadecimal), as a browser would; only entities
 * closed by ";" count, so a bare "&" followed by letters in plain text stays as written.
 */
export function decodeHtmlEntities(text: string): string {
  return decodeHTML(text, DecodingMode.Strict);
}

/** HTML fragment -> one line of plain text: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToPlainText(html: string): string {
  const withoutTags = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  return decodeHtmlEntities(withoutTags).replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most `max` characters at a word boundary, ending in "…" when cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > max / 2 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,.;:–-]+$/, '')}…`;
}
