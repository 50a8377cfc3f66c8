/**
 * Which URLs point into Strapi's media library, and where each file lives in the built site.
 * The library answers at STRAPI_URL/uploads/ (the local upload provider) and at MEDIA_URL
 * (a bucket or CDN in front of it); the build downloads from there, visitors never do.
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

export const isOptimisableImage = (file: MediaFile): boolean => OPTIMISABLE.test(new URL(file.source).pathname);

/** URL prefixes under which every file belongs to the media library. */
export function mediaLibraryPrefixes(strapiUrl: string, mediaUrl: string): string[] {
  const strapiOrigin = new URL(strapiUrl).origin;
  const media = mediaUrl.replace(/\/+$/, '');
  const prefixes = [`${strapiOrigin}/uploads/`, `${media}/uploads/`];
  // A bucket or CDN on a host of its own serves nothing but media.
  if (new URL(media).origin !== strapiOrigin) prefixes.push(`${media}/`);
  return [...new Set(prefixes)];
}

/**
 * The media-library file behind an absolute URL, or null for anything else. Its site path keeps
 * the name Strapi gave it (unique per upload), so it stays the same from build to build.
 */
export function mediaFileAt(url: string, prefixes: string[]): MediaFile | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const source = `${parsed.origin}${parsed.pathname}`;
  const prefix = prefixes.find((p) => source.startsWith(p));
  if (!prefix) return null;
  const name = source.slice(prefix.length);
  if (!name || name.endsWith('/') || name.split('/').some((segment) => segment === '..' || segment === '.')) {
    return null;
  }
  return { source, sitePath: `${MEDIA_FOLDER}${name}` };
}
