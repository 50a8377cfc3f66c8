/**
 * Replacing a build's search index file by file (scripts/rebuild/search-index-files.ts) and the
 * file-tree helpers under it (scripts/lib/file-tree.ts), on small Pagefind-shaped fixtures. The
 * real Pagefind, readers and browser searches: tests/integration/search-follow.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkTree, listFiles, moveIntoPlace, writeFileByRename } from '../../scripts/lib/file-tree.ts';
import {
  applyInstall,
  carrySearchIndex,
  pagesOf,
  planInstall,
  removeFiles,
  unreferencedFiles,
} from '../../scripts/rebuild/search-index-files.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'search-index-files-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
}

const entry = (hash: string, pages: number) =>
  JSON.stringify({ version: '1.6.0', languages: { sl: { hash, wasm: null, page_count: pages } } });

const readTree = (root: string) =>
  Object.fromEntries(listFiles(root).map((file) => [file, readFileSync(path.join(root, file), 'utf8')]));
const inode = (file: string) => statSync(file).ino;

describe('file-tree', () => {
  it('hard-links a tree: the same inodes, nested folders made', async () => {
    writeTree(path.join(dir, 'a'), { 'x.txt': 'x', 'sub/deeper/y.txt': 'y' });
    await linkTree(path.join(dir, 'a'), path.join(dir, 'b'));
    expect(listFiles(path.join(dir, 'b'))).toEqual(['sub/deeper/y.txt', 'x.txt']);
    expect(inode(path.join(dir, 'b/sub/deeper/y.txt'))).toBe(inode(path.join(dir, 'a/sub/deeper/y.txt')));
  });

  it('replaces a hard-linked file by rename: the other link keeps its content', async () => {
    writeTree(path.join(dir, 'old'), { 'f.txt': 'old' });
    await linkTree(path.join(dir, 'old'), path.join(dir, 'new'));
    writeTree(dir, { 'fresh.txt': 'fresh' });
    await moveIntoPlace(path.join(dir, 'fresh.txt'), path.join(dir, 'new/f.txt'));
    writeFileByRename(path.join(dir, 'new/g.txt'), 'written');
    writeFileByRename(path.join(dir, 'new/f.txt'), 'again');
    expect(readTree(path.join(dir, 'old'))).toEqual({ 'f.txt': 'old' });
    expect(readTree(path.join(dir, 'new'))).toEqual({ 'f.txt': 'again', 'g.txt': 'written' });
  });
});

describe('a build search index replaced file by file', () => {
  const oldIndex = {
    'pagefind-entry.json': entry('sl_aaaaaaaaaa', 2),
    'pagefind.sl_aaaaaaaaaa.pf_meta': 'meta a',
    'fragment/sl_1111111.pf_fragment': 'page 1',
    'fragment/sl_2222222.pf_fragment': 'page 2',
    'index/sl_3333333.pf_index': 'chunk a',
    'pagefind.js': 'script 1',
    'pagefind-ui.css': 'ui',
  };
  const newIndex = {
    'pagefind-entry.json': entry('sl_bbbbbbbbbb', 2),
    'pagefind.sl_bbbbbbbbbb.pf_meta': 'meta b',
    'fragment/sl_1111111.pf_fragment': 'page 1',
    'fragment/sl_4444444.pf_fragment': 'page 4',
    'index/sl_5555555.pf_index': 'chunk b',
    'pagefind.js': 'script 2',
    'pagefind-ui.css': 'ui',
  };

  it('adds the new files next to the old ones, replaces changed files by rename and never writes into a shared file', async () => {
    writeTree(path.join(dir, 'older/pagefind'), oldIndex);
    await linkTree(path.join(dir, 'older'), path.join(dir, 'live'));
    writeTree(path.join(dir, 'fresh'), newIndex);
    const unchanged = inode(path.join(dir, 'live/pagefind/fragment/sl_1111111.pf_fragment'));

    const plan = await planInstall(path.join(dir, 'fresh'), path.join(dir, 'live'));
    expect(plan.changed.sort()).toEqual([
      'fragment/sl_4444444.pf_fragment',
      'index/sl_5555555.pf_index',
      'pagefind.js',
      'pagefind.sl_bbbbbbbbbb.pf_meta',
    ]);
    const installed = await applyInstall(plan);

    expect(installed.pages).toBe(2);
    expect([...installed.files].sort()).toEqual(Object.keys(newIndex).sort());
    expect(readTree(path.join(dir, 'live/pagefind'))).toEqual({ ...oldIndex, ...newIndex });
    expect(inode(path.join(dir, 'live/pagefind/fragment/sl_1111111.pf_fragment'))).toBe(unchanged);
    expect(readTree(path.join(dir, 'older/pagefind'))).toEqual(oldIndex);

    const unreferenced = unreferencedFiles(path.join(dir, 'live'), installed.files);
    expect(unreferenced).toEqual([
      'fragment/sl_2222222.pf_fragment',
      'index/sl_3333333.pf_index',
      'pagefind.sl_aaaaaaaaaa.pf_meta',
    ]);
    await removeFiles(path.join(dir, 'live'), unreferenced);
    expect(readTree(path.join(dir, 'live/pagefind'))).toEqual(newIndex);
    expect(readTree(path.join(dir, 'older/pagefind'))).toEqual(oldIndex);
  });

  it('removes folders an index no longer uses', async () => {
    writeTree(path.join(dir, 'live/pagefind'), { ...oldIndex, 'filter/sl_6666666.pf_filter': 'filter' });
    const unreferenced = unreferencedFiles(path.join(dir, 'live'), new Set(Object.keys(oldIndex)));
    expect(unreferenced).toEqual(['filter/sl_6666666.pf_filter']);
    await removeFiles(path.join(dir, 'live'), unreferenced);
    expect(listFiles(path.join(dir, 'live/pagefind'))).toEqual(Object.keys(oldIndex).sort());
    expect(() => statSync(path.join(dir, 'live/pagefind/filter'))).toThrow(/ENOENT/);
  });

  it('refuses a folder that holds no index', async () => {
    writeTree(path.join(dir, 'fresh'), { 'pagefind.js': 'script' });
    await expect(planInstall(path.join(dir, 'fresh'), path.join(dir, 'live'))).rejects.toThrow(
      /no pagefind-entry.json/,
    );
  });

  it('carries the previous build index into a build without one, as hard links', async () => {
    writeTree(path.join(dir, 'previous/pagefind'), oldIndex);
    mkdirSync(path.join(dir, 'next'));
    expect(await carrySearchIndex(path.join(dir, 'previous'), path.join(dir, 'next'))).toBe(true);
    expect(readTree(path.join(dir, 'next/pagefind'))).toEqual(oldIndex);
    expect(inode(path.join(dir, 'next/pagefind/pagefind.js'))).toBe(
      inode(path.join(dir, 'previous/pagefind/pagefind.js')),
    );
    // A build with an index of its own keeps it; a previous build without one has nothing to carry.
    expect(await carrySearchIndex(path.join(dir, 'previous'), path.join(dir, 'next'))).toBe(false);
    expect(await carrySearchIndex(path.join(dir, 'nowhere'), path.join(dir, 'other'))).toBe(false);
  });

  it('counts the pages of every language', () => {
    const twoLanguages = {
      languages: { sl: { hash: 'sl_1', wasm: null, page_count: 7 }, en: { hash: 'en_1', wasm: 'en', page_count: 3 } },
    };
    expect(pagesOf(Buffer.from(JSON.stringify(twoLanguages)))).toBe(10);
  });
});
