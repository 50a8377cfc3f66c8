/**
 * WordPress shortcodes -> plain HTML, before the HTML becomes markdown.
 *
 * WordPress expands shortcodes only when it renders a page, so an export still contains them.
 * The ones the old site used for content become their HTML equivalent: [caption] a figure with
 * its caption, [gallery] the gallery's images, [embed]/[video]/[audio] a link to the media.
 * Any other shortcode (contact forms, layout plugins) cannot work on the new site: it is removed,
 * the text it wrapped is kept, and a warning names it so an editor can check the article.
 */

export interface GalleryImage {
  id: number;
  url: string;
  alt: string;
  /** Attachments of a post, in WordPress's order (menu_order, then id). */
  parentId: number;
  menuOrder: number;
}

export interface ShortcodeContext {
  postId: number;
  /** Image attachments of the export by id. */
  images: Map<number, GalleryImage>;
}

export interface ShortcodeResult {
  html: string;
  warnings: string[];
}

type Attributes = Record<string, string> & { _positional?: string };
type Handler = (attributes: Attributes, inner: string | null, context: ShortcodeContext, warnings: string[]) => string;

// Lowercase names only: WordPress shortcodes are lowercase by convention, and this keeps
// bracketed prose such as "[Kras]" or "[op. p.]" out of the way.
const OPENING_TAG = /\[(\[?)([a-z][a-z0-9_-]*)((?:\s[^\]]*?)?)(\/?)\](\]?)/;

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function parseAttributes(source: string): Attributes {
  const attributes: Attributes = {};
  const pattern = /([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s"']+)|"([^"]*)"|(\S+)/g;
  for (const m of source.matchAll(pattern)) {
    if (m[1]) attributes[m[1].toLowerCase()] = m[2];
    else if (m[3]) attributes[m[3].toLowerCase()] = m[4];
    else if (m[5]) attributes[m[5].toLowerCase()] = m[6];
    else attributes._positional ??= m[7] ?? m[8];
  }
  return attributes;
}

const link = (url: string) => `<p><a href="${escapeAttribute(url)}">${url.replace(/</g, '&lt;')}</a></p>`;
const image = (url: string, alt: string) => `<img src="${escapeAttribute(url)}" alt="${escapeAttribute(alt)}">`;

/** [caption]<img ...> Text[/caption] -> <figure><img ...><figcaption>Text</figcaption></figure> */
const caption: Handler = (attributes, inner) => {
  const content = inner ?? '';
  const media = content.match(/^\s*(<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>)([\s\S]*)$/i);
  const mediaHtml = media ? media[1] : '';
  const text = (media ? media[2] : content).trim() || attributes.caption || '';
  return `<figure>${mediaHtml}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
};

/** [gallery ids="1,2"] (or the post's own attached images) -> one image per paragraph. */
const gallery: Handler = (attributes, _inner, context, warnings) => {
  const ids = (attributes.ids ?? attributes.include ?? '')
    .split(',')
    .map((id) => Number.parseInt(id.trim(), 10))
    .filter(Number.isFinite);
  const images =
    ids.length > 0
      ? ids.flatMap((id) => {
          const found = context.images.get(id);
          if (!found) warnings.push(`[gallery]: image #${id} is not in the export; left out`);
          return found ? [found] : [];
        })
      : [...context.images.values()]
          .filter((img) => img.parentId === context.postId)
          .sort((a, b) => a.menuOrder - b.menuOrder || a.id - b.id);
  if (images.length === 0) warnings.push('[gallery]: no images found; removed');
  return images.map((img) => `<p>${image(img.url, img.alt)}</p>`).join('\n');
};

/** [embed]https://...[/embed] -> a link; the site does not embed third-party players. */
const embed: Handler = (attributes, inner) => {
  const url = (inner ?? attributes._positional ?? attributes.src ?? '').trim();
  return url ? link(url) : '';
};

/** [video src="..."] / [audio mp3="..."] -> a link to the file (imported with the other uploads). */
const mediaFile: Handler = (attributes) => {
  const url =
    attributes.src ?? attributes.mp4 ?? attributes.webm ?? attributes.mp3 ?? attributes.ogg ?? attributes.m4a ?? '';
  return url ? link(url) : '';
};

const HANDLERS: Record<string, Handler> = {
  caption,
  wp_caption: caption,
  gallery,
  embed,
  video: mediaFile,
  audio: mediaFile,
};

// Brackets inside HTML tags (alt="[foto] 1") are never shortcodes: they are hidden while
// shortcodes are expanded and put back afterwards.
const HIDDEN_OPEN = '\u0001';
const HIDDEN_CLOSE = '\u0002';
const hideBracketsInTags = (html: string) =>
  html.replace(/<[^>]*>/g, (tag) => tag.replace(/\[/g, HIDDEN_OPEN).replace(/\]/g, HIDDEN_CLOSE));
const restoreBrackets = (html: string) => html.replaceAll(HIDDEN_OPEN, '[').replaceAll(HIDDEN_CLOSE, ']');

/** Expands every shortcode in `content`; returns the HTML and one warning per removed shortcode. */
export function expandShortcodes(content: string, context: ShortcodeContext, warnings: string[] = []): ShortcodeResult {
  return { html: restoreBrackets(expand(hideBracketsInTags(content), context, warnings)), warnings };
}

function expand(content: string, context: ShortcodeContext, warnings: string[]): string {
  const openingTag = new RegExp(OPENING_TAG.source, 'g');
  let html = '';
  let position = 0;
  for (let m = openingTag.exec(content); m; m = openingTag.exec(content)) {
    const [whole, openEscape, name, attributeSource, selfClosing, closeEscape] = m;
    html += content.slice(position, m.index);
    if (openEscape && closeEscape) {
      // [[name]] is WordPress's way of writing a literal [name].
      html += whole.slice(1, -1);
      position = m.index + whole.length;
      openingTag.lastIndex = position;
      continue;
    }
    // A leading "[" that is not an escape belongs to the text.
    html += openEscape;
    const afterOpening = m.index + whole.length - closeEscape.length;
    const closingTag = `[/${name}]`;
    const closingAt = selfClosing ? -1 : content.indexOf(closingTag, afterOpening);
    const inner = closingAt === -1 ? null : content.slice(afterOpening, closingAt);
    const expandedInner = inner === null ? null : expand(inner, context, warnings);
    html += renderShortcode(name, parseAttributes(attributeSource), expandedInner, context, warnings);
    position = closingAt === -1 ? afterOpening : closingAt + closingTag.length;
    openingTag.lastIndex = position;
  }
  html += content.slice(position);
  return html;
}

function renderShortcode(
  name: string,
  attributes: Attributes,
  inner: string | null,
  context: ShortcodeContext,
  warnings: string[],
): string {
  const handler = HANDLERS[name];
  if (handler) return handler(attributes, inner, context, warnings);
  warnings.push(
    inner === null
      ? `unknown shortcode [${name}] removed`
      : `unknown shortcode [${name}]…[/${name}] removed, the text inside it kept`,
  );
  return inner ?? '';
}
