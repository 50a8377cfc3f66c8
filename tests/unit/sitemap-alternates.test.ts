// site/integrations/sitemap-alternates.ts: each sitemap entry gets the language alternates its
// built page declares in <head>; pages that ask not to be indexed are left out. It reads only
// the start of each file, so heads of any length and pages without a head must still work.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withAlternates } from '../../site/integrations/sitemap-alternates';

const site = 'https://www.example.si';
const outDir = mkdtempSync(path.join(os.tmpdir(), 'sitemap-alternates-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function page(pathname: string, html: string): string {
  mkdirSync(path.join(outDir, pathname), { recursive: true });
  writeFileSync(path.join(outDir, pathname, 'index.html'), html);
  return new URL(pathname, site).href;
}

const alternates = (sl: string, en: string) =>
  `<link rel="alternate" hreflang="sl" href="${site}${sl}"><link rel="alternate" hreflang="en" href="${site}${en}">`;

describe('withAlternates', () => {
  const serialize = withAlternates(() => outDir);

  it('lists the alternates the page declares in its head', () => {
    const url = page('/novice/a/', `<html><head>${alternates('/novice/a/', '/en/news/a/')}</head><body></body></html>`);
    expect(serialize({ url })).toEqual({
      url,
      links: [
        { lang: 'sl', url: `${site}/novice/a/` },
        { lang: 'en', url: `${site}/en/news/a/` },
      ],
    });
  });

  it('ignores alternate links in the body, however long the page', () => {
    const body = 'č'.repeat(40_000) + alternates('/x/', '/en/x/');
    const url = page('/novice/b/', `<html><head><title>b</title></head><body>${body}</body></html>`);
    expect(serialize({ url })).toEqual({ url });
  });

  it('reads a head longer than the first read, with multi-byte text across the boundary', () => {
    const filler = `<meta name="description" content="${'ž'.repeat(20_000)}">`;
    const url = page(
      '/novice/c/',
      `<html><head>${filler}${alternates('/novice/c/', '/en/news/c/')}</head><body></body></html>`,
    );
    expect(serialize({ url })?.links).toHaveLength(2);
  });

  it('leaves out pages that ask not to be indexed', () => {
    const url = page('/stara-pot/', '<html><head><meta name="robots" content="noindex"></head><body></body></html>');
    expect(serialize({ url })).toBeUndefined();
  });

  it('keeps a page with a single language without links, and one without a head as it is', () => {
    const single = page(
      '/samo-sl/',
      `<html><head><link rel="alternate" hreflang="sl" href="${site}/samo-sl/"></head></html>`,
    );
    expect(serialize({ url: single })).toEqual({ url: single });
    const headless = page('/brez-glave/', 'plain text, no markup');
    expect(serialize({ url: headless })).toEqual({ url: headless });
    expect(serialize({ url: `${site}/ni-strani/` })).toEqual({ url: `${site}/ni-strani/` });
  });
});
