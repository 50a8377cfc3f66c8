/**
 * The served site is a symlink, <sitesDir>/live -> builds/<id>. A new build goes into its own
 * folder and goes live by replacing the symlink with rename(2), which is atomic: a visitor
 * sees the old site or the new one, never a half-written one. The newest `keep` builds stay
 * for rollback; a failed build never touches `live`.
 */
import { existsSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

export const liveLink = (sitesDir: string) => path.join(sitesDir, 'live');
export const buildsDir = (sitesDir: string) => path.join(sitesDir, 'builds');

/** A sortable, unique build id: UTC timestamp plus a counter. */
let sequence = 0;
export function newBuildId(now = new Date()): string {
  sequence = (sequence + 1) % 1000;
  return `${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${String(sequence).padStart(3, '0')}`;
}

export function newBuildDir(sitesDir: string): { id: string; dir: string } {
  mkdirSync(buildsDir(sitesDir), { recursive: true });
  const id = newBuildId();
  return { id, dir: path.join(buildsDir(sitesDir), id) };
}

export function currentBuildId(sitesDir: string): string | null {
  try {
    return path.basename(readlinkSync(liveLink(sitesDir)));
  } catch {
    return null;
  }
}

export function goLive(sitesDir: string, buildId: string, keep = 5): void {
  const target = path.join('builds', buildId);
  if (!existsSync(path.join(sitesDir, target, 'index.html'))) throw new Error(`build ${buildId} has no index.html; not going live`);
  const temporary = `${liveLink(sitesDir)}.${process.pid}.tmp`;
  rmSync(temporary, { force: true });
  symlinkSync(target, temporary);
  renameSync(temporary, liveLink(sitesDir));
  pruneBuilds(sitesDir, keep);
}

/** Build ids, oldest first. */
export function listBuilds(sitesDir: string): string[] {
  if (!existsSync(buildsDir(sitesDir))) return [];
  return readdirSync(buildsDir(sitesDir)).sort();
}

function pruneBuilds(sitesDir: string, keep: number): void {
  const live = currentBuildId(sitesDir);
  const builds = listBuilds(sitesDir).filter((id) => id !== live);
  for (const id of builds.slice(0, Math.max(0, builds.length - (keep - 1)))) {
    rmSync(path.join(buildsDir(sitesDir), id), { recursive: true, force: true });
  }
}
