/**
 * A private copy of the site's code for one benchmark run. Astro writes intermediate files
 * into the project (site/.astro/), so two builds of one folder at the same time break each
 * other, and on a shared machine someone else may be building site/ right now; a copy also
 * keeps the code under test fixed while others edit site/ during a long run. The copy lives
 * under data/bench/ (git-ignored, inside the repository so packages still resolve upwards)
 * and shares the repository's site/node_modules (same dependencies, same image cache).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { siteDir } from '../../scripts/lib/paths.ts';
import { benchDataRoot } from './bench-database.ts';

const SKIPPED = new Set(['node_modules', 'dist', 'dist-preview', '.astro']);

/**
 * Relative "extends" entries of tsconfig.json, made absolute so they survive the move. An
 * entry that does not resolve from `from` was written for site/ itself (e.g. `git archive` of
 * an older site/ unpacked elsewhere), so it is resolved from there.
 */
function relocateTsconfig(from: string, to: string): void {
  const file = path.join(from, 'tsconfig.json');
  const tsconfig = JSON.parse(readFileSync(file, 'utf8'));
  const fromCopy = (entry: string) => path.resolve(from, entry);
  const absolute = (entry: string) =>
    !entry.startsWith('.') ? entry : existsSync(fromCopy(entry)) ? fromCopy(entry) : path.resolve(siteDir, entry);
  if (tsconfig.extends)
    tsconfig.extends = Array.isArray(tsconfig.extends) ? tsconfig.extends.map(absolute) : absolute(tsconfig.extends);
  writeFileSync(path.join(to, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
}

/** Copies `from` (a site/ folder) to a new folder and returns its path; remove it with removeSiteCopy. */
export function copySite(from: string, name: string): string {
  const to = path.join(benchDataRoot, 'sites', `${name}-${process.pid}`);
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  cpSync(from, to, {
    recursive: true,
    filter: (source) => source === from || !SKIPPED.has(path.basename(source)) || path.dirname(source) !== from,
  });
  symlinkSync(path.join(siteDir, 'node_modules'), path.join(to, 'node_modules'));
  relocateTsconfig(from, to);
  return to;
}

export const removeSiteCopy = (dir: string) => rmSync(dir, { recursive: true, force: true });
