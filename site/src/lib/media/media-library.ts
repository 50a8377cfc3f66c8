/**
 * Which URLs point into Strapi's media library, and where each file lives in the built site.
 * Bodies name a file by Strapi's public address (the admin's editor writes its PUBLIC_URL), by
 * STRAPI_URL, or by MEDIA_URL (a bucket or CDN); the build downloads /uploads/ files from
 * STRAPI_URL, so Strapi's public address may be closed to the build, and visitors never download.
 */

/** A file of the media library: where the build fetches it and its stable path in the site. */
export interface MediaFile {
  source: string;
  sitePath: string;
}

/** The folder of the built site that holds copied media files (PDFs and the like). */
export const MEDIA_FOLDER = '/media/';

/** Raster formats Astro's image pipeline re-encodes; SVG and GIF are copied as they are. */
const OPTIMISABLE = /\.(jpe?g|png|webp|avif|tiff?)$/i;

// Browsers without AVIF/WebP get the original kind: JPEG for photos, PNG for everything else
// (logos with transparency among them).
export const fallbackFormat = (url: string): 'jpg' | 'png' => (/\.jpe?g$/i.test(new URL(url).pathname) ? 'jpg' : 'png');

export const isOptimisableImage = (file: MediaFile): boolean => OPTIMISABLE.test(new URL(file.source).pathname);

/** Where the media library's files are named, and where the build fetches them from. */
export interface MediaLibrary {
  strapiUrl: string;
  /** Strapi's public address, if the build reaches Strapi by another one. */
  strapiPublicUrl?: string;
  mediaUrl: string;
}

/** A URL prefix of the media library and the prefix its files are downloaded from. */
export interface MediaMount {
  prefix: string;
  downloadFrom: string;
}

const withoutSlash = (url: string) => url.replace(/\/+$/, '');

/** Every prefix under which a URL names a file of the media library, most specific first. */
export function mediaLibraryMounts({ strapiUrl, strapiPublicUrl, mediaUrl }: MediaLibrary): MediaMount[] {
  const strapiOrigin = new URL(strapiUrl).origin;
  const strapiUploads = `${strapiOrigin}/uploads/`;
  const media = withoutSlash(mediaUrl);
  const mounts: MediaMount[] = [{ prefix: strapiUploads, downloadFrom: strapiUploads }];
  if (strapiPublicUrl)
    mounts.push({ prefix: `${withoutSlash(strapiPublicUrl)}/uploads/`, downloadFrom: strapiUploads });
  mounts.push({ prefix: `${media}/uploads/`, downloadFrom: `${media}/uploads/` });
  // A bucket or CDN on a host of its own serves nothing but media.
  if (new URL(media).origin !== strapiOrigin) mounts.push({ prefix: `${media}/`, downloadFrom: `${media}/` });
  return mounts.filter((mount, i) => mounts.findIndex((m) => m.prefix === mount.prefix) === i);
}

/** The mount an absolute URL lies under and the file's name below it, or null. */
function locate(url: string, mounts: MediaMount[]): { mount: MediaMount; name: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const named = `${parsed.origin}${parsed.pathname}`;
  const mount = mounts.find((m) => named.startsWith(m.prefix));
  if (!mount) return null;
  const name = named.slice(mount.prefix.length);
  if (name.split('/').some((segment) => segment === '..' || segment === '.')) return null;
  return { mount, name };
}

/**
 * The media-library file behind an absolute URL, or null for anything else. Its site path keeps
 * the name Strapi gave it (unique per upload), so it stays the same from build to build.
 */
export function mediaFileAt(url: string, mounts: MediaMount[]): MediaFile | null {
  const located = locate(url, mounts);
  // Strapi names every file name_hash.ext; anything else under the prefix is a page, not a file.
  if (!located || !/\.[a-z\d]+$/i.test(located.name)) return null;
  return { source: `${located.mount.downloadFrom}${located.name}`, sitePath: `${MEDIA_FOLDER}${located.name}` };
}

/**
 * Where the build downloads a cover or logo Strapi reports at `url`. Anything outside the media
 * library is refused, so content can never make the build fetch from another host, and a bucket
 * the build was not told about (MEDIA_URL) fails the build instead of leaking into the site.
 */
export function mediaSource(url: string, library: MediaLibrary): string {
  const located = locate(url, mediaLibraryMounts(library));
  if (located) return `${located.mount.downloadFrom}${located.name}`;
  throw new Error(
    `media file ${url} is not in the media library the build downloads from (${library.strapiUrl}/uploads/ or ${library.mediaUrl}/): ` +
      'with media in a bucket or on a CDN, set MEDIA_URL to its public address (docs/operations.md)',
  );
}
