/**
 * Writing into a build folder whose files may be hard links to the live build's: a file is
 * replaced (written beside it, then renamed over it), never written through, and a page that
 * is gone leaves no empty folder behind.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where Astro's directory format puts a path: pages as <path>/index.html, endpoints as the file itself. */
export const outputFile = (outDir: string, sitePath: string, isPage: boolean): string =>
  isPage ? path.join(outDir, sitePath, 'index.html') : path.join(outDir, sitePath);

export function writeOutput(outDir: string, sitePath: string, isPage: boolean, body: string): void {
  const file = outputFile(outDir, sitePath, isPage);
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.partial`;
  writeFileSync(temporary, body);
  renameSync(temporary, file);
}

/** Removes a page (or an endpoint's file) and the folders it leaves empty. */
export function removePage(outDir: string, sitePath: string): void {
  const isPage = sitePath.endsWith('/');
  rmSync(outputFile(outDir, sitePath, isPage), { force: true });
  let folder = path.dirname(outputFile(outDir, sitePath, isPage));
  while (folder.startsWith(`${outDir}${path.sep}`) && existsSync(folder) && readdirSync(folder).length === 0) {
    rmdirSync(folder);
    folder = path.dirname(folder);
  }
}

const ASSET_LINK = /\/_astro\/[\w.-]+/g;

/** Build assets (optimised images, styles) that rendered files link to but the folder lacks. */
export function missingAssets(outDir: string, bodies: readonly string[]): string[] {
  const linked = new Set(bodies.flatMap((body) => body.match(ASSET_LINK) ?? []));
  return [...linked].filter((asset) => !existsSync(path.join(outDir, asset)));
}
