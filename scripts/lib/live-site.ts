/**
 * The served site is a symlink, <sitesDir>/live -> builds/<id>.
 *   - A build is written into <sitesDir>/partial/<id>; only a complete build is moved into
 *     builds/ (rename(2), atomic), so everything in builds/ is whole and safe to roll back to,
 *     and a build cut short by a crash never reaches builds/.
 *   - It goes live by replacing the symlink with rename(2), which is atomic too: a visitor sees
 *     the old site or the new one, never a half-written one. A failed build never touches `live`.
 *   - The newest `keep` builds stay on disk (the live one included) for rollback.
 */
import { existsSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';

export const liveLink = (sitesDir: string) => path.join(sitesDir, 'live');
const buildsDir = (sitesDir: string) => path.join(sitesDir, 'builds');
export const partialDir = (sitesDir: string) => path.join(sitesDir, 'partial');
/** Builds on their way out (pruneBuilds), deleted in the background. */
const trashDir = (sitesDir: string) => path.join(sitesDir, 'removed');

/** A sortable, unique build id: UTC timestamp plus a counter. */
let sequence = 0;
function newBuildId(now = new Date()): string {
  sequence = (sequence + 1) % 1000;
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${String(sequence).padStart(3, '0')}`;
}

/**
 * Claims a new, empty folder to build into (under partial/). mkdir without `recursive` fails if
 * the folder exists, so two processes, or a restart within the same second, never share one.
 */
export function newBuildDir(sitesDir: string): { id: string; dir: string } {
  mkdirSync(partialDir(sitesDir), { recursive: true });
  for (;;) {
    const id = newBuildId();
    const dir = path.join(partialDir(sitesDir), id);
    if (existsSync(path.join(buildsDir(sitesDir), id))) continue;
    try {
      mkdirSync(dir);
      return { id, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Removes an unfinished build's folder (after a failure). */
export function discardBuild(sitesDir: string, buildId: string): void {
  rmSync(path.join(partialDir(sitesDir), buildId), { recursive: true, force: true });
}

/** Removes builds left unfinished by a process that died mid-build (and pruned ones not yet deleted). Returns how many unfinished. */
export function removeAbandonedBuilds(sitesDir: string): number {
  rmSync(trashDir(sitesDir), { recursive: true, force: true });
  if (!existsSync(partialDir(sitesDir))) return 0;
  const abandoned = readdirSync(partialDir(sitesDir));
  for (const id of abandoned) discardBuild(sitesDir, id);
  return abandoned.length;
}

export function currentBuildId(sitesDir: string): string | null {
  try {
    return path.basename(readlinkSync(liveLink(sitesDir)));
  } catch {
    return null;
  }
}

/** The folder of a finished build. */
export const buildDir = (sitesDir: string, buildId: string) => path.join(buildsDir(sitesDir), buildId);

/** Points `live` at a finished build, atomically. */
function switchLive(sitesDir: string, buildId: string): void {
  const target = path.join('builds', buildId);
  if (!existsSync(path.join(sitesDir, target, 'index.html')))
    throw new Error(`build ${buildId} has no index.html; not going live`);
  const temporary = `${liveLink(sitesDir)}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  symlinkSync(target, temporary);
  renameSync(temporary, liveLink(sitesDir));
}

/**
 * Makes a new build live: moves it from partial/ into builds/, switches `live` to it and
 * removes the oldest builds beyond `keep` (the live one included).
 */
export function goLive(sitesDir: string, buildId: string, keep = 5): void {
  const unfinished = path.join(partialDir(sitesDir), buildId);
  if (!existsSync(path.join(unfinished, 'index.html')))
    throw new Error(`build ${buildId} has no index.html; not going live`);
  mkdirSync(buildsDir(sitesDir), { recursive: true });
  renameSync(unfinished, buildDir(sitesDir, buildId));
  switchLive(sitesDir, buildId);
  pruneBuilds(sitesDir, keep);
}

/**
 * Switches back to `buildId`, or by default to the newest build older than the live one.
 * Nothing is deleted, so a rollback can itself be undone. Returns the ids before and after.
 */
export function rollBack(sitesDir: string, buildId?: string): { from: string | null; to: string } {
  const from = currentBuildId(sitesDir);
  const builds = listBuilds(sitesDir);
  const to = buildId ?? builds.filter((id) => from === null || id < from).at(-1);
  if (!to)
    throw new Error(
      `there is no build older than the live one (${from ?? 'none'}) to roll back to; kept builds: ${builds.join(', ') || 'none'}`,
    );
  if (!builds.includes(to))
    throw new Error(`there is no build "${to}" in ${buildsDir(sitesDir)}; kept builds: ${builds.join(', ') || 'none'}`);
  switchLive(sitesDir, to);
  return { from, to };
}

/** Finished build ids, oldest first. */
export function listBuilds(sitesDir: string): string[] {
  if (!existsSync(buildsDir(sitesDir))) return [];
  return readdirSync(buildsDir(sitesDir)).sort();
}

/**
 * Removes the oldest builds beyond `keep`. Each is first moved out of builds/ (one rename, so
 * rollback never offers a half-deleted build) and then deleted in the background: deleting tens
 * of thousands of files takes seconds, and the new build is live already.
 */
function pruneBuilds(sitesDir: string, keep: number): void {
  const live = currentBuildId(sitesDir);
  const builds = listBuilds(sitesDir).filter((id) => id !== live);
  for (const id of builds.slice(0, Math.max(0, builds.length - (keep - 1)))) {
    mkdirSync(trashDir(sitesDir), { recursive: true });
    const doomed = path.join(trashDir(sitesDir), id);
    renameSync(buildDir(sitesDir, id), doomed);
    void rm(doomed, { recursive: true, force: true }).catch(() => undefined); // left for the next start
  }
}
