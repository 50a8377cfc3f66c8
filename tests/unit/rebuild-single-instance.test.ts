import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { claimSitesDir, LOCK_FILE } from '../../scripts/rebuild/single-instance.ts';

const dirs: string[] = [];
const sitesDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'koper-otok-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A pid that certainly belonged to a process which has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', 'process.exit(0)']).pid!;

describe('one rebuild service per sites folder', () => {
  it('refuses a second claim while the first holds the folder, naming the holder', () => {
    const dir = sitesDir();
    const release = claimSitesDir(dir);
    expect(() => claimSitesDir(dir)).toThrow(
      new RegExp(`another rebuild service already uses .*process ${process.pid}`),
    );
    release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    claimSitesDir(dir)();
  });

  it('creates a sites folder that does not exist yet', () => {
    const dir = path.join(sitesDir(), 'site');
    const release = claimSitesDir(dir);
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('takes over the claim of a process that is gone on this host, and says so', () => {
    const dir = sitesDir();
    const gone = deadPid();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: gone, host: hostname(), since: 'earlier' }));
    const lines: string[] = [];
    const release = claimSitesDir(dir, (line) => lines.push(line));
    expect(lines.join('\n')).toContain(`from process ${gone}, which is gone`);
    release();
  });

  it('never takes over a claim made on another host, which it cannot check', () => {
    const dir = sitesDir();
    writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid: deadPid(), host: 'other-host.invalid', since: 'x' }),
    );
    expect(() => claimSitesDir(dir)).toThrow(/on other-host\.invalid.*delete .*rebuild-service\.lock/);
  });

  it('refuses an unreadable claim rather than guessing', () => {
    const dir = sitesDir();
    writeFileSync(path.join(dir, LOCK_FILE), 'garbage');
    expect(() => claimSitesDir(dir)).toThrow(/an unreadable claim/);
  });
});
