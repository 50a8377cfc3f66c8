/**
 * Bytes a visitor transfers for one page, measured in Debian's Chromium (playwright-core):
 * every response the page loads, by resource type, text resources gzip-compressed as a server
 * would send them. Shared by bench/site-quality.ts and bench/performance.ts.
 */
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROME_FLAGS =
  '--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run';

export interface PageWeight {
  total: number;
  js: number;
  byType: Record<string, number>;
}

/** Bytes a visitor transfers for one page (HTML, CSS, JS, images, fonts), gzip-compressed. */
export async function pageWeight(url: string): Promise<PageWeight> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_FLAGS.split(' ') });
  const page = await (await browser.newContext()).newPage();
  const byType: Record<string, number> = {};
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    const type = response.request().resourceType();
    const compressible = ['document', 'stylesheet', 'script', 'fetch', 'xhr'].includes(type);
    byType[type] = (byType[type] ?? 0) + (compressible ? gzipSync(body).length : body.length);
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await browser.close();
  const total = Object.values(byType).reduce((a, b) => a + b, 0);
  return { total, js: byType.script ?? 0, byType };
}
