/**
 * Media-library images and files inside rendered markdown, made local: each image becomes an
 * optimised <picture> from the site's own origin (or, in a feed, one absolute image URL on the
 * site), each linked file a copy under /media/. Images and links elsewhere stay as they are.
 *
 * It works on the HTML that markdown.ts serialises (html-repair.ts): every attribute is written
 * as name="value" with only & and " escaped, and text never holds a raw "<", so a tag pattern
 * reads that HTML exactly. The rewrite happens after the markdown cache, so cached HTML stays valid.
 */
import { isOptimisableImage, type MediaFile } from './media-library';

/** One image as the image pipeline emits it, every URL on the site's own origin. */
export interface OptimisedImage {
  src: string;
  srcset: string;
  width: number;
  height: number;
  /** Modern formats first (AVIF, WebP), for <source> elements. */
  sources: { type: string; srcset: string }[];
}

export interface BodyMediaServices {
  /** The media-library file behind a URL, or null for any other URL. */
  mediaFile(url: string): MediaFile | null;
  optimiseImage(file: MediaFile): Promise<OptimisedImage>;
  /** Has the file copied into the build; returns the path it is served at. */
  copyFile(file: MediaFile): string;
}

export interface BodyMediaOptions {
  /** The width an image takes in the layout, for the browser to pick from srcset. */
  sizes: string;
  /** Feeds: absolute URLs on this site, one plain <img> each (feed readers ignore <picture>). */
  absoluteBase?: URL;
}

const TAG = /<(img|a)((?:\s[\w:-]+="[^"]*")*)\s*(\/?)>/g;
const ATTRIBUTE = /\s([\w:-]+)="([^"]*)"/g;

const unescape = (value: string) => value.replace(/&(amp|quot);/g, (_m, name) => (name === 'amp' ? '&' : '"'));
const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function parseAttributes(text: string): Map<string, string> {
  return new Map([...text.matchAll(ATTRIBUTE)].map(([, name, value]) => [name, unescape(value)]));
}

function writeTag(tag: string, attributes: Map<string, string | number | undefined>, selfClosing: boolean): string {
  const written = [...attributes]
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escape(String(value))}"`)
    .join('');
  return `<${tag}${written}${selfClosing ? ' />' : '>'}`;
}

async function localImage(
  attributes: Map<string, string>,
  file: MediaFile,
  services: BodyMediaServices,
  options: BodyMediaOptions,
): Promise<string> {
  const { absoluteBase, sizes } = options;
  if (!isOptimisableImage(file)) {
    const src = services.copyFile(file);
    return writeTag(
      'img',
      new Map([...attributes, ['src', absoluteBase ? new URL(src, absoluteBase).href : src]]),
      true,
    );
  }
  const image = await services.optimiseImage(file);
  const own = (url: string) => (absoluteBase ? new URL(url, absoluteBase).href : url);
  const img = new Map<string, string | number | undefined>([
    ['src', own(image.src)],
    ['srcset', absoluteBase ? undefined : image.srcset],
    ['sizes', absoluteBase ? undefined : sizes],
    ['alt', attributes.get('alt') ?? ''],
    ['title', attributes.get('title')],
    ['width', image.width],
    ['height', image.height],
    ['loading', 'lazy'],
    ['decoding', 'async'],
  ]);
  if (absoluteBase) return writeTag('img', img, true);
  const sources = image.sources.map((source) =>
    writeTag('source', new Map(Object.entries({ ...source, sizes })), true),
  );
  return `<picture>${sources.join('')}${writeTag('img', img, true)}</picture>`;
}

async function rewriteTag(
  [tag, name, attributeText, slash]: RegExpMatchArray,
  services: BodyMediaServices,
  options: BodyMediaOptions,
): Promise<string> {
  const attributes = parseAttributes(attributeText);
  const url = attributes.get(name === 'img' ? 'src' : 'href');
  const file = url ? services.mediaFile(url) : null;
  if (!file) return tag;
  if (name === 'img') return localImage(attributes, file, services, options);
  const href = services.copyFile(file);
  attributes.set('href', options.absoluteBase ? new URL(href, options.absoluteBase).href : href);
  return writeTag('a', attributes, slash === '/');
}

/** The HTML with media-library images optimised and linked media files copied into the build. */
export async function localiseBodyMedia(
  html: string,
  services: BodyMediaServices,
  options: BodyMediaOptions,
): Promise<string> {
  if (!html.includes('<img') && !html.includes('<a ')) return html;
  const tags = [...html.matchAll(TAG)];
  const replacements = await Promise.all(tags.map((match) => rewriteTag(match, services, options)));
  let result = '';
  let last = 0;
  tags.forEach((match, i) => {
    result += html.slice(last, match.index) + replacements[i];
    last = match.index + match[0].length;
  });
  return result + html.slice(last);
}
