/**
 * A new build folder that starts as the live build, without copying its bytes: every file is a
 * hard link (file-tree.ts). Whoever writes into the copy must replace files, never write through them (the live
 * build would change too); the files at the top level, which build-done steps of integrations
 * rewrite in place (sitemaps, redirect lists), are therefore real copies.
 */
import { copyFileSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { linkInto } from './file-tree.ts';

/** Copies `from` into the existing folder `to` as hard links, leaving out the top-level entries named in `without`. */
export async function copyBuildAsLinks(from: string, to: string, without: readonly string[] = []): Promise<void> {
  const entries = readdirSync(from).filter((name) => !without.includes(name));
  if (entries.length > 0)
    await linkInto(
      entries.map((name) => path.join(from, name)),
      `${to}/`,
    );
  for (const entry of readdirSync(to, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(to, entry.name);
    copyFileSync(file, `${file}.copy`);
    renameSync(`${file}.copy`, file);
  }
}
