/**
 * One rebuild service per sites folder. The service owns the build folders and the live switch;
 * a second one on the same folder (a second machine with the same unit, a forgotten terminal)
 * would build into the same place and switch the live site behind the first one's back. Each
 * service claims the folder with a lock file made atomically (O_EXCL), names the holder in it,
 * and takes over only a claim whose process is gone on this host.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'rebuild-service.lock';

interface Holder {
  pid: number;
  host: string;
  since: string;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

function readHolder(file: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string'
      ? { pid: holder.pid, host: holder.host, since: String(holder.since ?? '') }
      : null;
  } catch {
    return null;
  }
}

function tryCreate(file: string, holder: Holder): boolean {
  try {
    writeFileSync(file, `${JSON.stringify(holder)}\n`, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Claims `sitesDir` for this process; returns the release function, or throws naming the holder. */
export function claimSitesDir(sitesDir: string, log: (line: string) => void = () => {}): () => void {
  mkdirSync(sitesDir, { recursive: true });
  const file = path.join(sitesDir, LOCK_FILE);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  if (!tryCreate(file, me)) {
    const holder = readHolder(file);
    const stale = holder !== null && holder.host === me.host && !isAlive(holder.pid);
    if (!stale) {
      const who = holder ? `process ${holder.pid} on ${holder.host}, since ${holder.since}` : 'an unreadable claim';
      throw new Error(
        `another rebuild service already uses ${sitesDir} (${who}); only one may run per sites folder. ` +
          `Stop it, or if it is gone (another host, or a crash), delete ${file}`,
      );
    }
    log(`rebuild: taking over ${sitesDir} from process ${holder.pid}, which is gone`);
    rmSync(file, { force: true });
    if (!tryCreate(file, me)) throw new Error(`another rebuild service claimed ${sitesDir} at the same moment`);
  }
  return () => {
    if (readHolder(file)?.pid === me.pid) rmSync(file, { force: true });
  };
}
