/**
 * `npm run screenshots:admin`: what an editor sees, as PNGs for people to look at, in
 * .test-artifacts/admin/: the Slovenian admin's login, the articles list, a workshop's edit view,
 * its versions (Različice: list, comparison, restore), the same view refusing to publish with a
 * message under the field, scheduled publishing (the edit view's panel and the list page), the
 * menu with one link open, the media library, and the redirects list with a redirect whose chain
 * was flattened.
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
const VIEWPORT = { width: 1720, height: 1000 };
// The edit view scrolls inside the page, so a full-page shot needs a window as tall as the form.
const TALL_VIEWPORT = { width: VIEWPORT.width, height: 2300 };
// Scheduled actions run within a second here, so the list can show one that came due.
const SCREENSHOT_TICK_SECONDS = 1;

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
  // Dialogs fade in: a shot taken mid-animation shows them half transparent (a cancelled animation rejects).
  await page.evaluate(() => Promise.allSettled(document.getAnimations().map((animation) => animation.finished)));
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

/**
 * The Različice panel: two saves of a workshop's description, the panel listing the versions,
 * the oldest compared with the draft (markdown line by line), and the draft after restoring it.
 */
async function revisionScreens(page: Page, editor: AdminSession, editUrl: string, documentId: string): Promise<void> {
  for (const line of ['Prijave zbiramo do 1. junija.', 'Prijave zbiramo do 15. junija.']) {
    const saved = await editor.request('PUT', `${collection('workshop')}/${documentId}?locale=sl`, {
      description: `Delavnica o managementu mestnih središč.\n\n${line}\n`,
    });
    if (saved.status !== 200) throw new Error(`revisions: saving the workshop answered ${saved.status}`);
  }
  await page.goto(editUrl);
  await capture(page, 'revisions-panel', ['Različice', 'Primerjaj z osnutkom', 'Shranjeno', 'Urednica Demo']);
  await page.getByText('Primerjaj z osnutkom').last().click();
  await capture(page, 'revisions-diff', [
    'Različica z dne',
    'Rdeče: samo v tej različici',
    '+ Prijave zbiramo do 15. junija.',
    { exact: 'Obnovi kot osnutek' },
  ]);
  await page.getByRole('button', { name: 'Obnovi kot osnutek', exact: true }).click();
  await page.getByRole('button', { name: 'Potrdi', exact: true }).click();
  await capture(page, 'revisions-restored', [
    'Različica je obnovljena kot osnutek',
    'Obnovljeno iz starejše različice',
  ]);
}

/**
 * The edit view's "Načrtovana objava" panel after scheduling a publish an hour ahead, then the
 * "Načrtovane objave" page, where a publish of the same draft that came due has failed.
 */
async function scheduledPublishing(page: Page, baseUrl: string, editor: AdminSession, workshop: string) {
  await page.getByRole('button', { name: 'Načrtuj', exact: true }).click();
  await capture(page, 'schedule-panel', ['Načrtovana objava', 'Ura (Europe/Ljubljana)', { exact: 'Čaka' }]);
  const scheduled = await editor.request('POST', '/scheduling/actions', {
    contentType: 'api::workshop.workshop',
    documentId: workshop,
    locale: 'sl',
    action: 'publish',
    runAt: new Date(Date.now() + 1_000).toISOString(),
  });
  if (scheduled.status !== 201) throw new Error(`scheduling answered ${scheduled.status}`);
  await page.setViewportSize(VIEWPORT);
  await page.goto(`${baseUrl}/admin/scheduled-publishing`);
  await page.waitForTimeout(3 * SCREENSHOT_TICK_SECONDS * 1000);
  await page.reload();
  await capture(page, 'scheduled-list', ['Načrtovane objave', { exact: 'Ni uspelo' }, 'potrebuje regijo']);
}

/** Two redirects, the second saved through the first, so the list shows it flattened; returns the second. */
async function flattenedRedirect(editor: AdminSession): Promise<string> {
  await editor.request('POST', collection('redirect'), { from: '/arhiv/2016', to: '/novice/' });
  const { body } = await editor.request<{ data: { documentId: string } }>('POST', collection('redirect'), {
    from: '/stari-arhiv/',
    to: '/arhiv/2016/',
    kind: 'temporary',
  });
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
    env: {
      ...generateSecrets(),
      SEED_DEMO: 'true',
      NODE_ENV: 'development',
      SCHEDULER_TICK_SECONDS: String(SCREENSHOT_TICK_SECONDS),
    },
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

    const chained = await flattenedRedirect(editor);
    await page.goto(`${admin}/api::redirect.redirect?page=1&pageSize=50&sort=from:ASC`);
    await capture(page, 'redirects-list', ['Preusmeritve', 'Stari naslov', 'Novi naslov', 'Izvor', '/stari-arhiv/']);
    await page.goto(`${admin}/api::redirect.redirect/${chained}`);
    await capture(page, 'redirect-edit', ['Opomba', 'Vrsta', 'Začasna (302)', { exact: 'Shrani' }]);

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

    await revisionScreens(
      page,
      editor,
      `${admin}/api::workshop.workshop/${postojna}?plugins[i18n][locale]=sl`,
      postojna,
    );

    const unpublishable = await draftWithoutRegion(editor);
    await page.goto(`${admin}/api::workshop.workshop/${unpublishable}?plugins[i18n][locale]=sl`);
    await page.getByRole('button', { name: 'Objavi', exact: true }).click();
    await capture(page, 'workshop-publish-refused', ['delavnica z datumom potrebuje regijo']);

    await scheduledPublishing(page, strapi.url, editor, unpublishable);

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

    // The English version of the demo's guide: the cover's own English alt text and caption, and its SEO group.
    const guide = await documentId(
      editor,
      'article',
      'filters[slug][$eq]=nov-vodic-po-ponudbi-mestnega-jedra-za-tuje-turiste',
    );
    await page.goto(`${admin}/api::article.article/${guide}?plugins[i18n][locale]=en`);
    await capture(page, 'article-edit-image-text-seo', [
      'Nadomestno besedilo naslovne slike',
      'Napis pod naslovno sliko',
      'Naslov za iskalnike',
      'Ne indeksiraj',
      'Dolžina SEO besedil',
      { exact: 'English (en)' },
    ]);
    // The lengths follow typing, before any save: a meta title over the limit shows in red.
    await page.getByLabel('Naslov za iskalnike').fill('Vodnik po mestnem jedru Kopra za tuje obiskovalce in turiste!');
    await capture(page, 'seo-length-over', [{ exact: '61 / 60' }]);

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
