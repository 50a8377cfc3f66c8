/**
 * The site's media, through Astro's image pipeline: body images of rendered markdown, and the
 * image URLs that other sites and feed readers fetch (og:image, JSON-LD, RSS). Every URL it
 * returns is on the site's own origin; the build downloads from Strapi, visitors never do.
 */
import { getImage, inferRemoteSize } from 'astro:assets';
import type { Media } from '@koper-otok/content-types';
import { config } from '../../config';
import { buildSession } from '../build-session';
import { isPreviewMode } from '../preview';
import { localiseBodyMedia, type BodyMediaServices, type OptimisedImage } from './body-media';
import { fallbackFormat, mediaFileAt, mediaLibraryMounts, type MediaFile } from './media-library';

const mounts = mediaLibraryMounts(config);

/** Widths of body images, as for covers: the column is at most 42rem wide. */
const BODY_WIDTHS = [400, 800, 1200];
export const BODY_SIZES = '(min-width: 44rem) 42rem, 100vw';
/** Wide enough for every link preview (Facebook, LinkedIn and Mastodon ask for 1200 px). */
const SHARED_WIDTH = 1200;

/** An image's own size, read from the start of the file; the error names the file for editors. */
const measure = (url: string) =>
  inferRemoteSize(url).catch((error: unknown) => {
    throw new Error(`image ${url} cannot be read from the media library (deleted, or not an image?)`, {
      cause: error,
    });
  });

// Each distinct image is measured once a build, however many pages show it.
const sizes = new Map<string, Promise<{ width: number; height: number }>>();
function intrinsicSize(url: string): Promise<{ width: number; height: number }> {
  if (isPreviewMode()) return measure(url);
  let size = sizes.get(url);
  if (!size) sizes.set(url, (size = measure(url)));
  return size;
}

async function optimiseImage(file: MediaFile): Promise<OptimisedImage> {
  const { width, height } = await intrinsicSize(file.source);
  const usable = BODY_WIDTHS.filter((w) => w < width);
  const widths = [...usable, width];
  const [avif, webp, fallback] = await Promise.all(
    (['avif', 'webp', fallbackFormat(file.source)] as const).map((format) =>
      getImage({ src: file.source, width, height, widths, sizes: BODY_SIZES, format }),
    ),
  );
  return {
    src: fallback.src,
    srcset: fallback.srcSet.attribute,
    width,
    height,
    sources: [
      { type: 'image/avif', srcset: avif.srcSet.attribute },
      { type: 'image/webp', srcset: webp.srcSet.attribute },
    ],
  };
}

/** Files linked from bodies are copied at the end of the build (integrations/media-files.ts). */
function copyFile(file: MediaFile): string {
  if (isPreviewMode()) return file.source;
  buildSession().mediaFiles.set(file.sitePath, file.source);
  return file.sitePath;
}

const services: BodyMediaServices = { mediaFile: (url) => mediaFileAt(url, mounts), optimiseImage, copyFile };

/** Rendered markdown for a page: media-library images optimised, media files served by the site. */
export const localBodyHtml = (html: string): Promise<string> =>
  localiseBodyMedia(html, services, { sizes: BODY_SIZES });

/** Rendered markdown for a feed: every media URL absolute on the site. */
export const feedBodyHtml = (html: string, site: URL): Promise<string> =>
  localiseBodyMedia(html, services, { sizes: BODY_SIZES, absoluteBase: site });

/** An image for other sites to show (og:image, JSON-LD): one JPEG or PNG on the site's origin. */
export async function sharedImageUrl(media: Media, site: URL): Promise<string> {
  const known = media.width && media.height ? { width: media.width, height: media.height } : undefined;
  const { width, height } = known ?? (await intrinsicSize(media.url));
  const scaled = Math.min(width, SHARED_WIDTH);
  const image = await getImage({
    src: media.url,
    width: scaled,
    height: Math.round((height * scaled) / width),
    format: fallbackFormat(media.url),
  });
  return new URL(image.src, site).href;
}

/** Shared image URLs of several media, resolved now so JSON-LD builders can look them up. */
export async function sharedImageUrls(media: (Media | null | undefined)[], site: URL): Promise<Map<string, string>> {
  const present = [...new Set(media.filter((m): m is Media => Boolean(m)))];
  const urls = await Promise.all(present.map((m) => sharedImageUrl(m, site)));
  return new Map(present.map((m, i) => [m.url, urls[i]]));
}
