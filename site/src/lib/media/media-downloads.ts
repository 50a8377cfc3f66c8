/**
 * Copies media files (PDFs and the like) into the built site. Each download is kept in a cache
 * folder beside Astro's image cache and revalidated with a conditional request, so an unchanged
 * file is not downloaded again (Strapi answers 304, cms/src/middlewares/conditional-get.ts).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface Validators {
  lastModified?: string;
  etag?: string;
}

export interface MediaCopyReport {
  copied: number;
  downloaded: number;
  unchanged: number;
}

/** Where in outDir a site path ("/media/x.pdf") is written; refuses paths that leave outDir. */
export function outputFile(outDir: string, sitePath: string): string {
  const segments = sitePath.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments.some((s) => s === '..' || s === '.' || s.includes('/') || s.includes('\\') || s.includes('\0'))) {
    throw new Error(`media file path ${sitePath} does not name a file inside the site`);
  }
  return path.join(outDir, ...segments);
}

const readValidators = (file: string): Validators => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Validators;
  } catch {
    return {};
  }
};

/** The cached copy of `source`, downloaded or revalidated now; true when the file was downloaded. */
async function refresh(source: string, cached: string): Promise<boolean> {
  const validatorsFile = `${cached}.json`;
  const validators = existsSync(cached) ? readValidators(validatorsFile) : {};
  const headers: Record<string, string> = {};
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  if (validators.etag) headers['if-none-match'] = validators.etag;
  let response: Response;
  try {
    response = await fetch(source, { headers, redirect: 'follow' });
  } catch (error) {
    throw new Error(
      `media file ${source}, linked from the content, cannot be downloaded: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (response.status === 304 && existsSync(cached)) return false;
  if (!response.ok) {
    throw new Error(`media file ${source}, linked from the content, cannot be downloaded: HTTP ${response.status}`);
  }
  const body = Buffer.from(await response.arrayBuffer());
  writeFileSync(`${cached}.part`, body);
  renameSync(`${cached}.part`, cached);
  const next: Validators = {
    lastModified: response.headers.get('last-modified') ?? undefined,
    etag: response.headers.get('etag') ?? undefined,
  };
  writeFileSync(validatorsFile, JSON.stringify(next));
  return true;
}

/** Downloads (or revalidates) every file and writes it into outDir at its site path. */
export async function copyMediaFiles(
  files: ReadonlyMap<string, string>,
  outDir: string,
  cacheDir: string,
): Promise<MediaCopyReport> {
  mkdirSync(cacheDir, { recursive: true });
  const report: MediaCopyReport = { copied: 0, downloaded: 0, unchanged: 0 };
  const queue = [...files];
  // A few downloads at a time: enough to overlap round trips without crowding Strapi.
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [sitePath, source] = next;
      const target = outputFile(outDir, sitePath);
      const cached = path.join(cacheDir, createHash('sha256').update(source).digest('hex').slice(0, 32));
      if (await refresh(source, cached)) report.downloaded++;
      else report.unchanged++;
      mkdirSync(path.dirname(target), { recursive: true });
      // Replaced, not overwritten: in a partial rebuild the file may be a hard link to the live build's.
      rmSync(target, { force: true });
      copyFileSync(cached, target);
      report.copied++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return report;
}
