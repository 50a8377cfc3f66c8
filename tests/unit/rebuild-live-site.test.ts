/**
 * The live site on disk (scripts/lib/live-site.ts): builds are written aside, switched in
 * atomically, a few kept for rollback, and `npm run rollback` puts an earlier one back.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  currentBuildId,
  discardBuild,
  goLive,
  listBuilds,
  liveLink,
  newBuildDir,
  removeAbandonedBuilds,
  rollBack,
} from '../../scripts/lib/live-site.ts';

let sitesDir: string;
beforeEach(() => {
  sitesDir = mkdtempSync(path.join(tmpdir(), 'koper-otok-live-'));
});
afterEach(() => {
  rmSync(sitesDir, { recursive: true, force: true });
});

/** Builds a tiny site saying `text` and makes it live. */
function publish(text: string, keep = 5): string {
  const { id, dir } = newBuildDir(sitesDir);
  writeFileSync(path.join(dir, 'index.html'), text);
  goLive(sitesDir, id, keep);
  return id;
}
const liveText = () => readFileSync(path.join(liveLink(sitesDir), 'index.html'), 'utf8');

describe('building and going live', () => {
  it('hands out a fresh, empty folder outside builds/ each time', () => {
    const first = newBuildDir(sitesDir);
    const second = newBuildDir(sitesDir);
    expect(first.id).not.toBe(second.id);
    expect(readdirSync(first.dir)).toEqual([]);
    expect(listBuilds(sitesDir)).toEqual([]);
  });

  it('moves a finished build into builds/ and points live at it', () => {
    const id = publish('one');
    expect(currentBuildId(sitesDir)).toBe(id);
    expect(listBuilds(sitesDir)).toEqual([id]);
    expect(liveText()).toBe('one');
  });

  it('refuses to put a build without index.html live, leaving the live site alone', () => {
    publish('one');
    const { id, dir } = newBuildDir(sitesDir);
    writeFileSync(path.join(dir, 'other.html'), 'x');
    expect(() => goLive(sitesDir, id)).toThrow('has no index.html');
    expect(liveText()).toBe('one');
  });

  it('keeps the newest builds only, the live one included', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'].map((text) => publish(text, 3));
    expect(listBuilds(sitesDir)).toEqual(ids.slice(-3));
  });

  it('cleans up failed and abandoned builds', () => {
    const failed = newBuildDir(sitesDir);
    discardBuild(sitesDir, failed.id);
    expect(existsSync(failed.dir)).toBe(false);
    newBuildDir(sitesDir);
    newBuildDir(sitesDir);
    expect(removeAbandonedBuilds(sitesDir)).toBe(2);
    expect(removeAbandonedBuilds(sitesDir)).toBe(0);
  });
});

describe('rollback', () => {
  it('goes one build back by default, and to any kept build by id', () => {
    const [first, second, third] = ['one', 'two', 'three'].map((text) => publish(text));
    expect(rollBack(sitesDir)).toEqual({ from: third, to: second });
    expect(liveText()).toBe('two');
    expect(rollBack(sitesDir)).toEqual({ from: second, to: first });
    expect(liveText()).toBe('one');
    expect(rollBack(sitesDir, third)).toEqual({ from: first, to: third });
    expect(liveText()).toBe('three');
    expect(listBuilds(sitesDir)).toEqual([first, second, third]);
  });

  it('says what it can roll back to when it cannot', () => {
    const only = publish('one');
    expect(() => rollBack(sitesDir)).toThrow(
      `there is no build older than the live one (${only}) to roll back to; kept builds: ${only}`,
    );
    expect(() => rollBack(sitesDir, 'nope')).toThrow(`there is no build "nope"`);
    expect(liveText()).toBe('one');
  });

  it('never offers an unfinished build', () => {
    const first = publish('one');
    const unfinished = newBuildDir(sitesDir);
    mkdirSync(path.join(unfinished.dir, 'novice'));
    writeFileSync(path.join(unfinished.dir, 'index.html'), 'half');
    const second = publish('two');
    expect(rollBack(sitesDir)).toEqual({ from: second, to: first });
    expect(() => rollBack(sitesDir, unfinished.id)).toThrow('there is no build');
  });
});
