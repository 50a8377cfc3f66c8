/**
 * Imports the old site's files into Strapi's media library, each file once.
 *
 * A file already in the library is reused, never uploaded again: same name (its uploads path,
 * see media-files.ts) and same size. Strapi re-encodes images on upload when its "size
 * optimization" setting is on (the default), so the stored size of an image differs from the
 * file's, smaller or even larger; for images the same name with the same width and height
 * therefore counts as the same file too. Within one run every file is looked up once, however
 * many posts use it.
 */
import { readFile } from 'node:fs/promises';
import { readImageSize } from './image-size.ts';
import { findLocalFile, mediaLibraryName, uploadsPath } from './media-files.ts';
import { findMediaFiles, uploadMediaFile, type MediaFile } from './strapi-writer.ts';
import type { StrapiClient } from './strapi-client.ts';

export type MediaOutcome =
  | { status: 'uploaded' | 'reused'; file: MediaFile; url: string }
  | { status: 'would-upload'; name: string }
  | { status: 'missing'; reason: string }
  | { status: 'not-ours' };

export interface MediaMetadata {
  alternativeText?: string;
  caption?: string;
}

export interface MediaLibraryOptions {
  client: StrapiClient;
  /** The old site's wp-content/uploads copy; null when none was given. */
  uploadsDir: string | null;
  /** The old site's address, to recognise its upload URLs. */
  siteUrl: string;
  /** Relative file URLs (the local upload provider's /uploads/...) are made absolute against this. */
  publicBaseUrl: string;
  dryRun: boolean;
  /** Alt text and caption from the export's attachments, by uploads path. */
  metadataByPath: Map<string, MediaMetadata>;
}

export interface MediaLibrary {
  importUrl(url: string, metadata?: MediaMetadata): Promise<MediaOutcome>;
  counts(): { uploaded: number; reused: number; wouldUpload: number };
}

/** Strapi's rounding of a byte count to kilobytes (utils.file.bytesToKbytes). */
const kilobytes = (bytes: number) => Math.round((bytes / 1000) * 100) / 100;

function sameFile(candidate: MediaFile, bytes: Buffer): boolean {
  const size = kilobytes(bytes.length);
  if (candidate.size === size) return true;
  const dimensions = readImageSize(bytes);
  return dimensions !== null && candidate.width === dimensions.width && candidate.height === dimensions.height;
}

export function createMediaLibrary(options: MediaLibraryOptions): MediaLibrary {
  const byLocalFile = new Map<string, Promise<MediaOutcome>>();
  const counts = { uploaded: 0, reused: 0, wouldUpload: 0 };
  const absolute = (url: string) => new URL(url, `${options.publicBaseUrl.replace(/\/+$/, '')}/`).href;

  async function importLocalFile(file: string, name: string, metadata: MediaMetadata): Promise<MediaOutcome> {
    const bytes = await readFile(file);
    const existing = (await findMediaFiles(options.client, name)).find((candidate) => sameFile(candidate, bytes));
    if (existing) {
      counts.reused++;
      return { status: 'reused', file: existing, url: absolute(existing.url) };
    }
    if (options.dryRun) {
      counts.wouldUpload++;
      return { status: 'would-upload', name };
    }
    const uploaded = await uploadMediaFile(options.client, { file, name, ...metadata });
    counts.uploaded++;
    return { status: 'uploaded', file: uploaded, url: absolute(uploaded.url) };
  }

  async function importUrl(url: string, metadata: MediaMetadata = {}): Promise<MediaOutcome> {
    const relative = uploadsPath(url, options.siteUrl);
    if (relative === null) return { status: 'not-ours' };
    if (!options.uploadsDir) return { status: 'missing', reason: 'no uploads folder given (--uploads)' };
    const local = findLocalFile(options.uploadsDir, relative);
    if (!local) return { status: 'missing', reason: `not in the uploads folder: ${relative}` };
    let outcome = byLocalFile.get(local.absolute);
    if (!outcome) {
      const known = options.metadataByPath.get(local.relative) ?? options.metadataByPath.get(relative) ?? {};
      outcome = importLocalFile(local.absolute, mediaLibraryName(local.relative), { ...metadata, ...known });
      byLocalFile.set(local.absolute, outcome);
    }
    return outcome;
  }

  return { importUrl, counts: () => ({ ...counts }) };
}
