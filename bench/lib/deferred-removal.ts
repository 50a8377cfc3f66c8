/**
 * Build outputs are set aside while builds are being timed and removed when the timing is over.
 *
 * Why: on ext4 without a journal (the disk of the machines this bench runs on: /proc/fs/jbd2
 * is empty) the kernel will not hand out an inode freed in the last one to six minutes
 * (fs/ext4/ialloc.c, find_inode_bit -> recently_deleted). Every file a build creates right
 * after another build's files were deleted first scans past those freed inodes, so the next
 * build spends much of its time in the kernel (figures in bench/README.md). That is the file
 * system, not the builds, and it hits whichever build runs first after a deletion. Renaming a
 * folder frees no inode, so it costs nothing.
 */
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';

export interface DeferredRemoval {
  /** Moves `dir` (if it exists) out of the way, into the trash folder. */
  discard(dir: string): void;
}

/** Discarded folders go into `trashDir`, which the caller removes once nothing is timed. */
export function deferredRemoval(trashDir: string): DeferredRemoval {
  let count = 0;
  return {
    discard(dir) {
      mkdirSync(trashDir, { recursive: true });
      try {
        renameSync(dir, path.join(trashDir, `${++count}-${path.basename(dir)}`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
  };
}
