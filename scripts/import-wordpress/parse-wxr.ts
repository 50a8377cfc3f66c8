/**
 * Reads a WordPress export (WXR, the RSS file of Tools → Export) into plain records.
 *
 * The whole file is checked before anything is returned: malformed XML throws a WxrError naming
 * the file, line and column, and a well-formed file that is not a WXR export throws too. The
 * importer parses first and writes afterwards, so a broken file never leaves a partial import.
 */
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeHtmlEntities } from './text.ts';

export interface WxrTerm {
  /** "category" or "post_tag" (other taxonomies keep their WordPress name). */
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrItem {
  id: number;
  /** post, page, attachment, nav_menu_item, ... */
  type: string;
  title: string;
  /** The permalink on the old site. */
  link: string;
  /** post_content as WordPress stores it: HTML without <p> for classic posts, with shortcodes. */
  content: string;
  excerpt: string;
  /** "YYYY-MM-DD HH:MM:SS" in the site's time zone ("0000-00-00 00:00:00" when unset). */
  date: string;
  dateGmt: string;
  /** wp:post_name as exported (may be empty for drafts, or percent-encoded). */
  postName: string;
  /** publish, draft, pending, future, private, trash, auto-draft, inherit */
  status: string;
  parentId: number;
  menuOrder: number;
  password: string;
  terms: WxrTerm[];
  meta: Record<string, string>;
  attachmentUrl: string;
}

export interface WxrExport {
  file: string;
  /** wp:base_site_url, e.g. https://www.koper-otok.si */
  siteUrl: string;
  items: WxrItem[];
}

export class WxrError extends Error {
  override name = 'WxrError';
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(file: string, message: string, line?: number, column?: number) {
    super(line === undefined ? `${file}: ${message}` : `${file}:${line}:${column}: ${message}`);
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

// Elements that repeat in WXR; the parser must return arrays for them even when one is present.
const REPEATED = new Set([
  'item',
  'category',
  'wp:postmeta',
  'wp:category',
  'wp:tag',
  'wp:term',
  'wp:author',
  'wp:comment',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Keep every value a string: a post titled "2017" or a slug "108" must not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

type XmlNode = Record<string, unknown>;

/** Text of an element that may carry attributes ({ '#text': ... }) or be empty. */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return text((value as XmlNode)['#text']);
  return String(value);
}

function integer(value: unknown): number {
  const parsed = Number.parseInt(text(value), 10);
  return Number.isFinite(parsed) ? parsed : 0;
}

function readTerms(item: XmlNode): WxrTerm[] {
  return ((item.category as XmlNode[] | undefined) ?? []).map((term) => ({
    domain: text(term.domain) || 'category',
    nicename: text(term.nicename),
    name: decodeHtmlEntities(text(term)),
  }));
}

function readMeta(item: XmlNode): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const entry of (item['wp:postmeta'] as XmlNode[] | undefined) ?? []) {
    meta[text(entry['wp:meta_key'])] = text(entry['wp:meta_value']);
  }
  return meta;
}

function readItem(item: XmlNode, position: number, file: string): WxrItem {
  const id = integer(item['wp:post_id']);
  const type = text(item['wp:post_type']);
  if (id <= 0 || !type) {
    const title = text(item.title);
    throw new WxrError(
      file,
      `item ${position}${title ? ` ("${title}")` : ''} has no wp:post_id or wp:post_type; this is not a complete WordPress export`,
    );
  }
  return {
    id,
    type,
    title: decodeHtmlEntities(text(item.title)).trim(),
    link: text(item.link),
    content: text(item['content:encoded']),
    excerpt: text(item['excerpt:encoded']),
    date: text(item['wp:post_date']),
    dateGmt: text(item['wp:post_date_gmt']),
    postName: text(item['wp:post_name']),
    status: text(item['wp:status']),
    parentId: integer(item['wp:post_parent']),
    menuOrder: integer(item['wp:menu_order']),
    password: text(item['wp:post_password']),
    terms: readTerms(item),
    meta: readMeta(item),
    attachmentUrl: text(item['wp:attachment_url']),
  };
}

/** Parses WXR text; `file` names the source in error messages. */
export function parseWxr(xml: string, file: string): WxrExport {
  const validation = XMLValidator.validate(xml);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    throw new WxrError(file, `not well-formed XML: ${msg} Nothing was imported.`, line, col);
  }
  const channel = (parser.parse(xml) as XmlNode)?.rss as XmlNode | undefined;
  const body = channel?.channel as XmlNode | undefined;
  if (!body || typeof body !== 'object') {
    throw new WxrError(file, 'not a WordPress export: expected <rss><channel>…</channel></rss>. Nothing was imported.');
  }
  if (!text(body['wp:wxr_version'])) {
    throw new WxrError(file, 'not a WordPress export (WXR): <wp:wxr_version> is missing. Nothing was imported.');
  }
  const items = ((body.item as XmlNode[] | undefined) ?? []).map((item, index) => readItem(item, index + 1, file));
  const siteUrl = (text(body['wp:base_site_url']) || text(body['wp:base_blog_url']) || text(body.link)).replace(
    /\/+$/,
    '',
  );
  return { file, siteUrl, items };
}

/** Reads and parses a WXR file; a missing or unreadable file is a WxrError too. */
export function readWxrFile(file: string): WxrExport {
  let xml: string;
  try {
    xml = readFileSync(file, 'utf8');
  } catch (error) {
    throw new WxrError(file, `cannot read the export: ${(error as Error).message}`);
  }
  return parseWxr(xml, file);
}
