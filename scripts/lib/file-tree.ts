/**
 * File trees of build folders. A build's files may be hard links shared with older builds (kept
 * for rollback), so nothing here writes into an existing file: a file is replaced by rename(2),
 * which swaps the name to a new inode and leaves the old one, and every other link, untouched.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { runProcess } from './processes.ts';

/** The files below `dir`, relative to it with "/", sorted. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Copies `sources` (files or folders) into the folder `to` with every file a hard link
 * (`cp -al`: far quicker than linking file by file from Node at tens of thousands of files).
 */
export async function linkInto(sources: readonly string[], to: string, signal?: AbortSignal): Promise<void> {
  await runProcess('cp', ['-al', ...sources, to], { cwd: path.dirname(to), label: false, signal });
}

/** Makes `to` a copy of the tree `from` in which every file is a hard link. */
export async function linkTree(from: string, to: string, signal?: AbortSignal): Promise<void> {
  mkdirSync(path.dirname(to), { recursive: true });
  await linkInto([`${from}/.`], to, signal);
}

const temporaryBeside = (file: string) =>
  path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);

/**
 * Moves `source` to `target` in one step, replacing what was there (across file systems: a copy
 * beside the target, then rename). Asynchronous, so moving thousands of files never holds up a
 * server in the same process.
 */
export async function moveIntoPlace(source: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  try {
    await rename(source, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const temporary = temporaryBeside(target);
    try {
      await copyFile(source, temporary);
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
    await rm(source, { force: true });
  }
}

/** Writes a file whole or not at all (temporary file, then rename): readers never see half of it. */
export function writeFileByRename(file: string, data: string | NodeJS.ArrayBufferView): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = temporaryBeside(file);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}
