// scripts/import-wordpress/redirects.ts: old permalink path -> new article path from the site's
// route rules, one entry per published article, sorted, written atomically as JSON.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryPath } from '../../site/src/lib/content/routes.ts';
import { buildRedirects, writeRedirectMap } from '../../scripts/import-wordpress/redirects.ts';
import { readWxrFile } from '../../scripts/import-wordpress/parse-wxr.ts';
import { planImport } from '../../scripts/import-wordpress/plan.ts';

const plan = planImport(readWxrFile(path.join(import.meta.dirname, '..', 'fixtures', 'wordpress', 'export.xml')), []);

describe('buildRedirects', () => {
  const redirectOf = (permalink: string, slug = 'x', publish = true) => buildRedirects([{ permalink, slug, publish }]);

  it('maps the old permalink path to the Slovenian article path', () => {
    expect(redirectOf('https://www.koper-otok.si/2017/06/14/old-slug/', 'new-slug')).toEqual([
      { from: '/2017/06/14/old-slug/', to: '/novice/new-slug/' },
    ]);
  });

  it('gives drafts and non-pretty permalinks no redirect', () => {
    expect(redirectOf('https://www.koper-otok.si/2017/06/14/x/', 'x', false)).toEqual([]);
    expect(redirectOf('https://www.koper-otok.si/?p=106')).toEqual([]);
    expect(redirectOf('https://www.koper-otok.si/')).toEqual([]);
  });

  it('gives no redirect when the old path already is the new one', () => {
    expect(redirectOf('https://www.koper-otok.si/novice/x/')).toEqual([]);
  });

  it('decodes percent-encoded paths, keeping subfolders of the old site', () => {
    const from = (permalink: string) => redirectOf(permalink)[0]?.from;
    expect(from('https://www.koper-otok.si/2017/02/14/%c4%8dokoladni-dan/')).toBe('/2017/02/14/čokoladni-dan/');
    expect(from('https://www.koper-otok.si/blog/2017/x/')).toBe('/blog/2017/x/');
    expect(from('https://www.koper-otok.si/2017/%E0%A4%A/')).toBe('/2017/%E0%A4%A/');
  });
});

describe('buildRedirects on the fixture', () => {
  const redirects = buildRedirects(plan.articles);

  it('has one entry per published article, none for drafts', () => {
    const published = plan.articles.filter((a) => a.publish);
    expect(published).toHaveLength(18);
    expect(redirects).toHaveLength(18);
    const targets = new Set(redirects.map((r) => r.to));
    for (const a of published) expect(targets.has(entryPath('article', 'sl', a.slug)), a.slug).toBe(true);
    for (const a of plan.articles.filter((x) => !x.publish))
      expect(targets.has(entryPath('article', 'sl', a.slug)), a.slug).toBe(false);
  });

  it('sends both duplicate-slug posts to their own article', () => {
    expect(redirects).toContainEqual({ from: '/2016/07/01/poletna-delavnica/', to: '/novice/poletna-delavnica/' });
    expect(redirects).toContainEqual({ from: '/2017/07/03/poletna-delavnica/', to: '/novice/poletna-delavnica-2/' });
    expect(redirects).toContainEqual({ from: '/2017/02/14/čokoladni-dan/', to: '/novice/cokoladni-dan-v-ljubljani/' });
  });

  it('is sorted by old path, each old path once', () => {
    const froms = redirects.map((r) => r.from);
    expect(froms).toEqual([...froms].sort());
    expect(new Set(froms).size).toBe(froms.length);
  });
});

describe('writeRedirectMap', () => {
  it('writes pretty JSON into a new folder and leaves no temporary file', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'redirects-')), 'data');
    const file = path.join(dir, 'redirects.json');
    const redirects = [{ from: '/2017/06/14/a/', to: '/novice/a/' }];
    writeRedirectMap(file, redirects);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(redirects);
    expect(readFileSync(file, 'utf8')).toBe('[\n  {\n    "from": "/2017/06/14/a/",\n    "to": "/novice/a/"\n  }\n]\n');
    writeRedirectMap(file, []);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
    expect(readdirSync(dir)).toEqual(['redirects.json']);
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
  });
});
