/**
 * `npm run screenshots:admin`: what an editor sees, as PNGs for people to look at, in
 * .test-artifacts/admin/: the Slovenian admin's login, the articles list, a workshop's edit view,
 * the same view refusing to publish with a message under the field, the menu with one link open,
 * and the media library.
 *
 * Builds the admin panel first if its sources changed (slow and memory-hungry, which is why this
 * is a script and not part of `npm test`), starts Strapi with the admin on a temporary seeded
 * database, and logs in as the demo editor in Debian's Chromium (playwright-core). It fails
 * when a screen does not show the Slovenian text it should, so it doubles as a check.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildCmsIfNeeded } from './lib/cms-build.ts';
import { repoRoot } from './lib/paths.ts';
import { generateSecrets, startStrapi } from './lib/strapi.ts';
import { launchChromium, loopbackContext } from '../tests/helpers/browser.ts';
import { adminSession, collection, type AdminSession } from '../tests/helpers/admin-api.ts';
import { DEMO_EDITOR } from './lib/demo-logins.ts';

const outDir = path.join(repoRoot, '.test-artifacts', 'admin');
// From this width on the workshops list shows its publication status without scrolling sideways
// (articles, regions and partners from 1366): Strapi's own locale and status columns are wide.
const VIEWPORT = { width: 1600, height: 1000 };
// The edit view scrolls inside the page, so a full-page shot needs a window as tall as the form.
const TALL_VIEWPORT = { width: 1600, height: 2300 };

/** Text the screen must show: a substring (any case), or { exact } for a whole element's text. */
type Expected = string | { exact: string };

const find = (page: Page, text: Expected) =>
  (typeof text === 'string' ? page.getByText(text) : page.getByText(text.exact, { exact: true })).first();

/** Whether the element is entirely on screen, not hidden in a scrolled-away part of a table. */
const onScreen = (page: Page, text: Expected) =>
  find(page, text).evaluate(
    (element) =>
      new Promise<boolean>((resolve) => {
        const observer = new IntersectionObserver(([entry]) => {
          observer.disconnect();
          resolve(entry.intersectionRatio > 0.99);
        });
        observer.observe(element);
      }),
  );

/**
 * Waits until every expected text is on the page (and those in `onScreenToo` are visible without
 * scrolling), then saves the page as <name>.png.
 */
async function capture(page: Page, name: string, texts: Expected[], onScreenToo: Expected[] = []): Promise<void> {
  for (const text of [...texts, ...onScreenToo]) {
    await find(page, text)
      .waitFor({ timeout: 30_000 })
      .catch(() => {
        throw new Error(
          `${name}: the page does not show ${JSON.stringify(text)} (see .test-artifacts/admin/failed.png)`,
        );
      });
  }
  for (const text of onScreenToo) {
    if (!(await onScreen(page, text)))
      throw new Error(`${name}: ${JSON.stringify(text)} is off screen (see .test-artifacts/admin/failed.png)`);
  }
  await page.waitForLoadState('networkidle');
  const file = path.join(outDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`admin screenshots: ${path.relative(repoRoot, file)}`);
}

async function logIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/auth/login`);
  await capture(page, 'login', ['Dobrodošli v Strapiju!', 'Zapomni si me', 'Prijava']);
  await page.locator('input[name="email"]').fill(DEMO_EDITOR.email);
  await page.locator('input[name="password"]').fill(DEMO_EDITOR.password);
  await page.locator('button[type="submit"]').click();
  await page.getByText('Pozdravljeni', { exact: false }).first().waitFor({ timeout: 30_000 });
}

async function documentId(editor: AdminSession, type: string, filter: string): Promise<string> {
  const { body } = await editor.request<{ results: { documentId: string }[] }>(
    'GET',
    `${collection(type)}?locale=sl&${filter}`,
  );
  return body.results[0].documentId;
}

/** A dated workshop draft without a region: publishing it shows the region rule's message. */
async function draftWithoutRegion(editor: AdminSession): Promise<string> {
  const { body } = await editor.request<{ data: { documentId: string } }>(
    'POST',
    `${collection('workshop')}?locale=sl`,
    {
      title: 'Delavnica o managementu mestnih središč v Novem mestu',
      startsAt: '2017-11-08T08:00:00.000Z',
      endsAt: '2017-11-08T12:00:00.000Z',
      city: 'Novo mesto',
      eventStatus: 'planned',
    },
  );
  return body.data.documentId;
}

async function main(): Promise<void> {
  await buildCmsIfNeeded();
  mkdirSync(outDir, { recursive: true });
  rmSync(path.join(outDir, 'failed.png'), { force: true }); // only a failed run leaves one
  const dataDir = mkdtempSync(path.join(tmpdir(), 'koper-otok-admin-screenshots-'));
  const strapi = await startStrapi({
    dataDir,
    serveAdmin: true,
    env: { ...generateSecrets(), SEED_DEMO: 'true', NODE_ENV: 'development' },
  });
  const browser = await launchChromium();
  let page: Page | undefined;
  try {
    const editor = await adminSession(strapi.url, DEMO_EDITOR);
    const context = await loopbackContext(browser, {
      viewport: VIEWPORT,
      locale: 'sl-SI',
      timezoneId: 'Europe/Ljubljana',
    });
    // The login page follows the browser's stored choice; the editor's profile says Slovenian after login.
    await context.addInitScript(() => localStorage.setItem('strapi-admin-language', 'sl'));
    page = await context.newPage();
    const admin = `${strapi.url}/admin/content-manager/collection-types`;

    await logIn(page, strapi.url);
    await page.goto(
      `${admin}/api::article.article?page=1&pageSize=20&sort=publishedDate:DESC&plugins[i18n][locale]=sl`,
    );
    await capture(
      page,
      'articles-list',
      ['Novice', 'Naslov', 'Datum novice', 'Ustvari nov vnos'],
      [{ exact: 'stanje' }, { exact: 'Osnutek' }, { exact: 'Objavljeno' }],
    );

    await page.goto(`${admin}/api::workshop.workshop?page=1&pageSize=20&sort=startsAt:DESC&plugins[i18n][locale]=sl`);
    await capture(
      page,
      'workshops-list',
      ['Delavnice', 'Začetek', 'Kraj', 'Postojna'],
      [{ exact: 'stanje' }, { exact: 'Objavljeno' }],
    );

    await page.setViewportSize(TALL_VIEWPORT);
    const postojna = await documentId(editor, 'workshop', 'filters[city][$eq]=Postojna');
    await page.goto(`${admin}/api::workshop.workshop/${postojna}?plugins[i18n][locale]=sl`);
    await capture(page, 'workshop-edit', [
      'Začetek',
      'Konec',
      'Povezava za prijavo',
      'Stanje delavnice',
      'Datum in ura začetka',
      'Slovenščina (sl)',
      { exact: 'Vnos' },
      { exact: 'Shrani' },
    ]);

    await page.goto(`${admin}/api::workshop.workshop/${await draftWithoutRegion(editor)}?plugins[i18n][locale]=sl`);
    await page.getByRole('button', { name: 'Objavi', exact: true }).click();
    await capture(page, 'workshop-publish-refused', ['delavnica z datumom potrebuje regijo']);

    await page.goto(
      `${strapi.url}/admin/content-manager/single-types/api::navigation.navigation?plugins[i18n][locale]=sl`,
    );
    await capture(page, 'menu-edit', [{ exact: 'Meni' }, 'Glava (glavni meni)', 'Noga', 'O zavodu', 'Objavi']);
    await page.getByText('O zavodu', { exact: true }).first().click();
    await capture(page, 'menu-link-edit', [
      'Besedilo povezave',
      'Razdelek',
      'Zunanji naslov',
      'Celoten spletni naslov',
    ]);

    await page.setViewportSize(VIEWPORT);
    await page.goto(`${strapi.url}/admin/plugins/upload`);
    await capture(page, 'media-library', ['Predstavnostna knjižnica', 'mestno-jedro-koper.jpg']);
    await page.getByText('mestno-jedro-koper.jpg').first().click();
    await capture(page, 'media-details', ['Podatki o datoteki', 'Napis', 'Nadomestno besedilo']);
    const altText = await page.getByLabel('Nadomestno besedilo').inputValue();
    if (!altText.startsWith('Ilustracija koprskega mestnega jedra'))
      throw new Error(`media-details: the alternative text field shows "${altText}"`);
  } catch (error) {
    await page?.screenshot({ path: path.join(outDir, 'failed.png'), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
    await strapi.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(`admin screenshots failed: ${error.message}`);
  process.exit(1);
});
