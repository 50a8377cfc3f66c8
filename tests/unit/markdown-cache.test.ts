// site/src/lib/content/markdown-cache.ts and its use by renderMarkdown: rendered markdown kept
// between builds, keyed by the text, in a file named by the rendering rules; a build writes
// back only what it used; a damaged file is an empty cache; other rules' files are removed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMarkdown, renderingRulesKey, useMarkdownCache } from '../../site/src/lib/content/markdown';
import { openMarkdownCache } from '../../site/src/lib/content/markdown-cache';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'markdown-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  useMarkdownCache(undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openMarkdownCache', () => {
  it('gives the next build what this one kept, and counts reused and rendered texts', () => {
    const dir = tempDir();
    const first = openMarkdownCache(dir, 'rules1');
    expect(first.get('# Naslov')).toBeUndefined();
    first.keep('# Naslov', '<h2>Naslov</h2>');
    first.keep('*čšž*', '<p><em>čšž</em></p>');
    expect(first.save()).toMatchObject({ entries: 2, reused: 0, rendered: 2 });

    const second = openMarkdownCache(dir, 'rules1');
    expect(second.get('# Naslov')).toBe('<h2>Naslov</h2>');
    expect(second.get('*čšž*')).toBe('<p><em>čšž</em></p>');
    second.keep('# Naslov', '<h2>Naslov</h2>');
    second.keep('novo', '<p>novo</p>');
    expect(second.save()).toMatchObject({ entries: 2, reused: 1, rendered: 1 });
  });

  it('leaves the file alone when a build used exactly what it read', () => {
    const dir = tempDir();
    const first = openMarkdownCache(dir, 'rules1');
    first.keep('isto', '<p>isto</p>');
    const { file } = first.save();
    const before = statSync(file); // a rewrite is a new file (temporary, then rename)
    const second = openMarkdownCache(dir, 'rules1');
    second.keep('isto', '<p>isto</p>');
    expect(second.save()).toMatchObject({ written: false, reused: 1, rendered: 0 });
    expect(statSync(file)).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
  });

  it('writes back only the texts this build used', () => {
    const dir = tempDir();
    const first = openMarkdownCache(dir, 'rules1');
    first.keep('staro', '<p>staro</p>');
    first.save();
    const second = openMarkdownCache(dir, 'rules1');
    second.keep('novo', '<p>novo</p>');
    second.save();
    const third = openMarkdownCache(dir, 'rules1');
    expect(third.get('staro')).toBeUndefined();
    expect(third.get('novo')).toBe('<p>novo</p>');
  });

  it("starts empty under other rules, and removes the other rules' file when it saves", () => {
    const dir = tempDir();
    const old = openMarkdownCache(dir, 'rules1');
    old.keep('besedilo', '<p>besedilo</p>');
    const oldFile = old.save().file;
    const changed = openMarkdownCache(dir, 'rules2');
    expect(changed.get('besedilo')).toBeUndefined();
    changed.keep('besedilo', '<p>besedilo</p>');
    changed.save();
    expect(existsSync(oldFile)).toBe(false);
    expect(readdirSync(dir)).toEqual(['markdown-cache-rules2.bin']);
  });

  it('treats a damaged file as an empty cache and replaces it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'markdown-cache-rules1.bin'), '{"trunc');
    const cache = openMarkdownCache(dir, 'rules1');
    expect(cache.get('karkoli')).toBeUndefined();
    cache.keep('karkoli', '<p>karkoli</p>');
    cache.save();
    expect(openMarkdownCache(dir, 'rules1').get('karkoli')).toBe('<p>karkoli</p>');
  });

  it('trusts nothing in a file cut short or with bytes its index does not account for', () => {
    const dir = tempDir();
    const cache = openMarkdownCache(dir, 'rules1');
    cache.keep('prvo', '<p>prvo</p>');
    cache.keep('drugo', '<p>drugo čšž</p>');
    const { file } = cache.save();
    expect(openMarkdownCache(dir, 'rules1').get('drugo')).toBe('<p>drugo čšž</p>');
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length - 3));
    expect(openMarkdownCache(dir, 'rules1').get('prvo')).toBeUndefined();
    writeFileSync(file, Buffer.concat([whole, Buffer.from('x')]));
    expect(openMarkdownCache(dir, 'rules1').get('prvo')).toBeUndefined();
  });

  it('replaces a cache file of the earlier format (one JSON object) instead of reading it', () => {
    const dir = tempDir();
    const old = path.join(dir, 'rendered-markdown-rules1.json');
    writeFileSync(old, JSON.stringify({ x: '<p>x</p>' }));
    const cache = openMarkdownCache(dir, 'rules1');
    cache.keep('novo', '<p>novo</p>');
    cache.save();
    expect(readdirSync(dir)).toEqual(['markdown-cache-rules1.bin']);
  });
});

describe('renderMarkdown with a cache', () => {
  it('takes the HTML an earlier build kept under the same rules, and renders and keeps what is new', () => {
    const dir = tempDir();
    const key = renderingRulesKey();
    // An earlier build kept this text's HTML; a marker shows that it is reused, not re-rendered.
    const earlier = openMarkdownCache(dir, key);
    earlier.keep('Stara novica', '<p>iz predpomnilnika</p>');
    earlier.save();

    const cache = openMarkdownCache(dir, key);
    useMarkdownCache(cache);
    expect(renderMarkdown('Stara novica')).toBe('<p>iz predpomnilnika</p>');
    const fresh = renderMarkdown('Nova <script>alert(1)</script> novica');
    expect(fresh).toContain('Nova');
    expect(fresh).not.toContain('<script');
    expect(cache.save()).toMatchObject({ entries: 2, reused: 1, rendered: 1 });
  });

  it('does not reuse HTML kept under other rules', () => {
    const dir = tempDir();
    const earlier = openMarkdownCache(dir, 'rules-of-an-older-sanitiser');
    earlier.keep('Besedilo', '<p onclick="x()">Besedilo</p>');
    earlier.save();
    useMarkdownCache(openMarkdownCache(dir, renderingRulesKey()));
    expect(renderMarkdown('Besedilo')).toBe('<p>Besedilo</p>\n');
  });

  it('names the rules with a stable 16-character key', () => {
    expect(renderingRulesKey()).toMatch(/^[0-9a-f]{16}$/);
    expect(renderingRulesKey()).toBe(renderingRulesKey());
  });
});
