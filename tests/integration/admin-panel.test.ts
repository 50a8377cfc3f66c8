/**
 * The admin panel as staff get it: built by `strapi build` (as `npm start` builds it) in a copy
 * of the app, served by a real Strapi, driven in Chromium in Slovenian by the demo editor. An
 * article's edit view with our side panels, and the page "Prijave na delavnice": the demo's example workshop with its places, one workshop's
 * registrations by state, the CSV download for Excel, and cancelling a registration through the
 * confirmation dialog, which mails the visitor. Not one uncaught error in the page.
 * The same actions over the admin API, in detail: registration-admin.test.ts.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_EDITOR } from '../../scripts/lib/demo-logins.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { buildCmsAppWithAdmin, type CmsAppCopy } from '../helpers/cms-app-copy';
import { startTestCms, type TestCms } from '../helpers/cms';
import { launchChromium, loopbackContext } from '../helpers/browser';
import { linksOf, startMailbox, type Mailbox } from '../helpers/mailbox';
import { REGISTRATION_TEST_ENV, withProof } from '../helpers/registration-proof';

const EXAMPLE_WORKSHOP = 'Primer: delavnica s spletno prijavo';
const CSV_HEADER = 'Ime;E-pošta;Organizacija;Občina ali vloga;Stanje;Prijavljen;Potrjen;Jezik';
// Next to the shots of `npm run screenshots:admin`, for people to look at (docs/editors.md).
const screenshotsDir = path.join(repoRoot, '.test-artifacts', 'admin');
async function screenshot(page: Page, name: string): Promise<void> {
  // The menu link clicked last keeps a tooltip open over the page; Escape closes it.
  await page.mouse.move(900, 900);
  await page.keyboard.press('Escape');
  await page.getByRole('tooltip').waitFor({ state: 'hidden', timeout: 5_000 });
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}

let app: CmsAppCopy;
let mailbox: Mailbox;
let cms: TestCms;

/** A visitor's registration through the public API; `confirm` also opens the mailed link. */
async function register(workshop: string, name: string, email: string, confirm: boolean): Promise<void> {
  const fields = { workshop, language: 'sl', name, email, consent: 'yes' };
  const sent = await fetch(`${cms.url}/api/registrations`, {
    method: 'POST',
    body: new URLSearchParams(await withProof(cms.url, fields)),
    redirect: 'manual',
  });
  expect(sent.status).toBe(303);
  if (!confirm) return;
  const link = linksOf((await mailbox.next(email)).mail.text ?? '').confirm!;
  expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
}

beforeAll(async () => {
  mkdirSync(screenshotsDir, { recursive: true });
  [app, mailbox] = await Promise.all([buildCmsAppWithAdmin(), startMailbox()]);
  cms = await startTestCms({
    appDir: app.appDir,
    serveAdmin: true,
    env: { ...REGISTRATION_TEST_ENV, ...mailbox.env, SITE_URL: 'https://www.koper-otok.test' },
  });
  const { body } = await cms.graphql<{ workshops: { documentId: string }[] }>(
    '{ workshops(locale: "sl", filters: { registrationOpen: { eq: true } }) { documentId } }',
  );
  const workshop = body.data!.workshops[0].documentId;
  await register(workshop, 'Ana Novak', 'ana.novak@example.org', true);
  await register(workshop, 'Bojan Kovač', 'bojan.kovac@example.org', false);
}, 600_000);

afterAll(async () => {
  await cms?.dispose();
  await mailbox?.close();
  app?.dispose();
});

/**
 * Chromium logged in as the demo editor, in Slovenian; `use` gets the page and the uncaught
 * errors it has thrown so far.
 */
async function asEditor(use: (page: Page, pageErrors: string[]) => Promise<void>): Promise<void> {
  const browser = await launchChromium();
  try {
    const context = await loopbackContext(browser, {
      viewport: { width: 1720, height: 1000 },
      locale: 'sl-SI',
      timezoneId: 'Europe/Ljubljana',
      acceptDownloads: true,
    });
    // The admin's first load parses a large bundle, slow on a busy CI machine.
    context.setDefaultTimeout(60_000);
    // The login page follows the browser's stored choice of interface language.
    await context.addInitScript(() => localStorage.setItem('strapi-admin-language', 'sl'));
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${cms.url}/admin/auth/login`);
    await page.locator('input[name="email"]').fill(DEMO_EDITOR.email);
    await page.locator('input[name="password"]').fill(DEMO_EDITOR.password);
    await page.locator('button[type="submit"]').click();
    await page.getByText('Pozdravljeni', { exact: false }).first().waitFor();
    await use(page, pageErrors);
  } finally {
    await browser.close();
  }
}

describe('the built admin panel in Chromium', () => {
  it('opens an article with its side panels: scheduled publishing, SEO lengths and versions', async () => {
    const { body } = await cms.graphql<{ articles: { documentId: string }[] }>(
      '{ articles(locale: "sl", pagination: { limit: 1 }) { documentId } }',
    );
    await asEditor(async (page, pageErrors) => {
      await page.goto(
        `${cms.url}/admin/content-manager/collection-types/api::article.article/${body.data!.articles[0].documentId}?plugins[i18n][locale]=sl`,
      );
      for (const panel of ['Načrtovana objava', 'Dolžina SEO besedil', 'Različice'])
        await page.getByText(panel, { exact: true }).first().waitFor();
      expect(pageErrors).toEqual([]);
    });
  });

  it('shows the registrations page in Slovenian: places, states, the CSV download and a cancellation', async () => {
    await asEditor(async (page, pageErrors) => {
      await page.getByRole('link', { name: 'Prijave na delavnice' }).click();
      await page.getByRole('heading', { name: 'Prijave na delavnice' }).waitFor();
      const workshops = page.getByRole('grid', { name: 'Delavnice s prijavami' });
      const example = workshops.getByRole('row').filter({ hasText: EXAMPLE_WORKSHOP });
      expect(await example.getByRole('gridcell').allTextContents()).toEqual(
        expect.arrayContaining(['1 od 12', 'Odprte']),
      );
      await screenshot(page, 'registrations-list');

      await example.getByRole('link', { name: EXAMPLE_WORKSHOP }).click();
      const table = page.getByRole('grid', { name: `Prijave na delavnico ${EXAMPLE_WORKSHOP}` });
      const row = (name: string) => table.getByRole('row').filter({ hasText: name });
      await row('Ana Novak').getByText('Potrjena').waitFor();
      await row('Bojan Kovač').getByText('Čaka na potrditev').waitFor();
      await screenshot(page, 'registrations-workshop');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Prenesi CSV (Excel)' }).click(),
      ]);
      const csv = readFileSync(await download.path());
      expect([...csv.subarray(0, 3)], 'UTF-8 with BOM, so Excel reads č, š, ž').toEqual([0xef, 0xbb, 0xbf]);
      const lines = csv.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe(CSV_HEADER);
      expect(lines.filter((line) => line.startsWith('Bojan Kovač;bojan.kovac@example.org;'))).toHaveLength(1);

      await page.getByRole('button', { name: 'Odjavi prijavo: Ana Novak' }).click();
      await page
        .getByRole('alertdialog', { name: 'Odjaviti to prijavo?' })
        .getByRole('button', { name: 'Potrdi' })
        .click();
      await page.getByText('Prijava je odjavljena, sporočilo poslano.').waitFor();
      await row('Ana Novak').getByText('Odjavljena').waitFor();
      expect((await mailbox.next('ana.novak@example.org', 2)).mail.subject).toMatch(/^Prijava odjavljena: /);
      expect(pageErrors).toEqual([]);
    });
  });
});
