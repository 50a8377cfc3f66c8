/**
 * Debian's Chromium (/usr/bin/chromium, installed by .ci/run) driven by playwright-core,
 * and a built site served on a free loopback port. Nothing is downloaded.
 */
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startStaticServer } from '../../scripts/lib/static-server.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A browser context that can reach nothing but 127.0.0.1 (the closed network stays quiet). */
export async function loopbackContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  return context;
}

export interface ServedSite {
  url: string;
  close(): Promise<void>;
}

export async function serveDirectory(dir: string): Promise<ServedSite> {
  const server: Server = await startStaticServer(() => dir, 0);
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
