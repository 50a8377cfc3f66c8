/**
 * A build's Pagefind index (<build>/pagefind/), replaced while visitors search.
 *
 * Pagefind names every file of an index by its content's hash (fragments, index and filter
 * chunks, the per-language meta files) except pagefind-entry.json, which names the current meta
 * files, and a few files that stay the same from one index to the next (pagefind.js, the UI,
 * wasm.*). A browser reads the entry first and everything else through it. So a new index goes
 * live by adding its hashed files next to the old ones, then replacing the changed constant
 * files, then the entry: a search that read the old entry still finds every file it asks for.
 * The old index's files are removed later (removeFiles), once such searches are over.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { linkTree, listFiles, moveIntoPlace } from '../lib/file-tree.ts';
import { inParallel } from '../lib/in-parallel.ts';

/** The index's folder in a build, as the site's pages load it (/pagefind/). */
export const SEARCH_INDEX_DIR = 'pagefind';
export const ENTRY_FILE = 'pagefind-entry.json';

const FILE_CONCURRENCY = 16;

export interface InstalledIndex {
  /** Every file of the index, relative to pagefind/ with "/". */
  files: ReadonlySet<string>;
  /** The entry file's bytes, which identify the index. */
  entry: Buffer;
  /** Pages indexed, over all languages. */
  pages: number;
}

const isContentHashed = (file: string) => /_[0-9a-f]{7,}\.pf_[a-z]+$/.test(file);

export const searchIndexDir = (buildDir: string) => path.join(buildDir, SEARCH_INDEX_DIR);

/** The pages an entry file counts, over all its languages. */
export function pagesOf(entry: Buffer): number {
  const { languages } = JSON.parse(entry.toString('utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(languages).reduce((sum, language) => sum + language.page_count, 0);
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [statA, statB] = await Promise.all([stat(a), stat(b).catch(() => null)]);
  if (!statB || statA.size !== statB.size) return false;
  const [bytesA, bytesB] = await Promise.all([readFile(a), readFile(b)]);
  return bytesA.equals(bytesB);
}

export interface InstallPlan {
  freshDir: string;
  buildDir: string;
  /** Every file of the fresh index. */
  files: string[];
  /** Those the build does not have with the same bytes, the entry excepted. */
  changed: string[];
  entry: Buffer;
}

/**
 * Compares a freshly written index (`freshDir`, Pagefind's output) with the build's pagefind/.
 * The slow part of an install (it reads both indexes), so it can run before taking a lock.
 */
export async function planInstall(freshDir: string, buildDir: string): Promise<InstallPlan> {
  const files = listFiles(freshDir);
  if (!files.includes(ENTRY_FILE)) throw new Error(`${freshDir} holds no Pagefind index (no ${ENTRY_FILE})`);
  const entry = await readFile(path.join(freshDir, ENTRY_FILE));
  const target = searchIndexDir(buildDir);
  const changed: string[] = [];
  await inParallel(
    files.filter((file) => file !== ENTRY_FILE),
    FILE_CONCURRENCY,
    async (file) => {
      if (!(await sameBytes(path.join(freshDir, file), path.join(target, file)))) changed.push(file);
    },
  );
  return { freshDir, buildDir, files, changed, entry };
}

/**
 * Moves the planned files into the build's pagefind/ (consuming the fresh index), which may
 * still hold an older index and stays usable throughout: hashed files first, then changed
 * constant files, then the entry. Files already there with the same bytes stay as they are;
 * nothing is written into an existing file.
 */
export async function applyInstall(plan: InstallPlan): Promise<InstalledIndex> {
  const target = searchIndexDir(plan.buildDir);
  const move = async (file: string) => moveIntoPlace(path.join(plan.freshDir, file), path.join(target, file));
  await inParallel(plan.changed.filter(isContentHashed), FILE_CONCURRENCY, move);
  for (const file of plan.changed.filter((file) => !isContentHashed(file))) await move(file);
  await move(ENTRY_FILE);
  return { files: new Set(plan.files), entry: plan.entry, pages: pagesOf(plan.entry) };
}

/** The entry file the build serves now, or null. */
export async function servedEntry(buildDir: string): Promise<Buffer | null> {
  return readFile(path.join(searchIndexDir(buildDir), ENTRY_FILE)).catch(() => null);
}

/** Removes folders below `dir` (not `dir`) that hold nothing. */
async function removeEmptyFolders(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(dir, entry.name);
    await removeEmptyFolders(folder);
    if ((await readdir(folder)).length === 0) await rmdir(folder);
  }
}

/** The files of the build's pagefind/ that no index in `keep` names. */
export function unreferencedFiles(buildDir: string, keep: ReadonlySet<string>): string[] {
  const dir = searchIndexDir(buildDir);
  return existsSync(dir) ? listFiles(dir).filter((file) => !keep.has(file)) : [];
}

/**
 * Removes those files from the build's pagefind/, and folders left empty, so the folder ends up
 * as a full build's would be.
 */
export async function removeFiles(buildDir: string, files: string[]): Promise<void> {
  const dir = searchIndexDir(buildDir);
  await inParallel(files, FILE_CONCURRENCY, (file) => rm(path.join(dir, file), { force: true }));
  if (existsSync(dir)) await removeEmptyFolders(dir);
}

/**
 * For a build that goes live without a search index of its own: hard-links the previous build's
 * index into it, so search keeps working (with that older index) until the follower installs a
 * new one. Does nothing when the new build has an index or the old one has none; resolves to
 * whether it carried one.
 */
export async function carrySearchIndex(
  fromBuildDir: string,
  toBuildDir: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const from = searchIndexDir(fromBuildDir);
  const to = searchIndexDir(toBuildDir);
  if (existsSync(to) || !existsSync(path.join(from, ENTRY_FILE))) return false;
  await linkTree(from, to, signal);
  return true;
}
