/**
 * Making writes fail for real. The tests run as root, and root ignores permission bits, so
 * `chmod a-w` would not stop a build. These do, for root too:
 *   - fileInTheWay: a regular file where a folder must be created; mkdir fails with
 *     ENOTDIR/EEXIST whoever you are.
 *   - limitFileSize: RLIMIT_FSIZE (setrlimit, via prlimit) on this process, inherited by the
 *     build it starts; any write past the limit fails with EFBIG, as writes fail on a full disk,
 *     wherever the build writes (its scratch folder in site/.builds and its output folder).
 *     A small tmpfs mounted on the output folder would give ENOSPC, but the build never gets
 *     that far: Astro moves its assets into the output folder with rename(2), which fails with
 *     EXDEV across file systems (see docs/operations.md, "Known limits").
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function fileInTheWay(dir: string): string {
  mkdirSync(path.dirname(dir), { recursive: true });
  writeFileSync(dir, 'a file where the build expects a folder\n');
  return path.join(dir, 'dist');
}

/** Runs `work` with files limited to `bytes` for this process and its children; restores after. */
export async function withFileSizeLimit<T>(bytes: number, work: () => Promise<T>): Promise<T> {
  execFileSync('prlimit', ['--pid', String(process.pid), `--fsize=${bytes}:`], { stdio: 'pipe' });
  try {
    return await work();
  } finally {
    execFileSync('prlimit', ['--pid', String(process.pid), '--fsize=unlimited:'], { stdio: 'pipe' });
  }
}
