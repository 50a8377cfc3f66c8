/**
 * Pages and the menu, edited by staff, through a real Strapi (seeded demo, SQLite) and a real
 * Astro build:
 *
 *   seeded demo                       About in the header, Privacy in the footer, both languages
 *   new page added to the menu        appears in the header of the Slovenian and English site,
 *                                     at /kontakt/ and /en/contact/, with aria-current on itself,
 *                                     in the sitemap and the search index
 *   page slug of a section            refused at save, naming the slug (it would shadow /novice/)
 *   the admin                         the menu and its link fields have Slovenian labels
 *   deleting a page the menu links to refused (admin and REST), naming the menu and the place;
 *                                     once the link is gone from the menu, the delete goes through
 *   no menu / an emptied header       the header shows today's section links (a second build)
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EDITOR } from '../../scripts/lib/demo-logins.ts';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { adminSession, collection, type AdminSession } from '../helpers/admin-api';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import { openEditor, type CmsEditor } from '../helpers/cms-editor';
import { SITE_URL } from '../helpers/demo-site';
import { brokenInternalLinks, readPage, sitemapPaths } from '../helpers/site-output';

type Locale = 'sl' | 'en';
interface StoredLink {
  label: string | null;
  section: string | null;
  url: string | null;
  page: { documentId: string } | null;
}
type Menus = Record<'header' | 'footer', StoredLink[]>;
type ConfigurationAnswer<K extends string> = {
  data: Record<K, { metadatas: Record<string, { edit: { label: string; placeholder: string } }> }>;
};

let cms: TestCms;
let editor: CmsEditor;
let staff: AdminSession;
let outDir: string;
let contactId: string;

const auth = () => ({ authorization: `Bearer ${editor.token}`, 'content-type': 'application/json' });
const MENU_POPULATE = 'populate[header][populate]=page&populate[footer][populate]=page';

/** The menu of one language as staff left it (the draft). */
async function readMenus(locale: Locale): Promise<Menus> {
  const response = await fetch(`${cms.url}/api/navigation?locale=${locale}&status=draft&${MENU_POPULATE}`, {
    headers: auth(),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Menus }).data;
}

/** Saves and publishes the menu of one language (links as the REST API takes them: a page by its documentId). */
async function publishMenus(locale: Locale, menus: Menus): Promise<void> {
  const asInput = (links: StoredLink[]) =>
    links.map(({ label, section, url, page }) => ({ label, section, url, page: page?.documentId ?? null }));
  const response = await fetch(`${cms.url}/api/navigation?locale=${locale}&status=published`, {
    method: 'PUT',
    headers: auth(),
    body: JSON.stringify({ data: { header: asInput(menus.header), footer: asInput(menus.footer) } }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The header's main menu of a built page, as [href, text, aria-current] triples. */
function headerLinks(html: string): [string, string, boolean][] {
  const nav =
    html.match(/<header[\s\S]*?<nav aria-label="(?:Glavni meni|Main menu)"[^>]*>([\s\S]*?)<\/nav>/)?.[1] ?? '';
  return [...nav.matchAll(/<a href="([^"]+)"([^>]*)>\s*([^<]*?)\s*<\/a>/g)].map(([, href, attributes, text]) => [
    href,
    text,
    attributes.includes('aria-current="page"'),
  ]);
}
const footerLinks = (html: string) =>
  [...(html.match(/<footer[\s\S]*<\/footer>/)?.[0] ?? '').matchAll(/<a href="([^"]+)"/g)].map(([, href]) => href);

beforeAll(async () => {
  cms = await startTestCms();
  editor = await openEditor(cms);
  staff = await adminSession(cms.url, DEMO_EDITOR);

  // Staff write a contact page in both languages and add it to both menus, before Search.
  contactId = (
    await editor.create(
      'pages',
      'sl',
      { title: 'Kontakt', slug: 'kontakt', excerpt: 'Kako nas najdete.', body: 'Pišite nam.' },
      { publish: true },
    )
  ).documentId;
  await editor.translate(
    'pages',
    contactId,
    'en',
    { title: 'Contact', slug: 'contact', excerpt: 'How to find us.', body: 'Write to us.' },
    { publish: true },
  );
  for (const locale of ['sl', 'en'] as const) {
    const menus = await readMenus(locale);
    const contact: StoredLink = { label: null, section: null, url: null, page: { documentId: contactId } };
    menus.header.splice(menus.header.length - 1, 0, contact);
    await publishMenus(locale, menus);
  }

  outDir = path.join(tempDir('pages-site'), 'dist');
  await buildSite({ strapiUrl: cms.url, tokenFile: cms.tokenFile, siteUrl: SITE_URL, outDir, label: false });
});

afterAll(async () => {
  await cms?.dispose();
  if (outDir) rmSync(path.dirname(outDir), { recursive: true, force: true });
});

describe('pages and the menu in the built site', () => {
  it('renders the seeded About and Privacy pages and their menu links in both languages', () => {
    expect(readPage(outDir, '/o-zavodu/')).toMatch(/<h1[^>]*>O zavodu<\/h1>/);
    expect(readPage(outDir, '/en/about/')).toMatch(/<h1[^>]*>About us<\/h1>/);
    expect(headerLinks(readPage(outDir, '/'))).toContainEqual(['/o-zavodu/', 'O zavodu', false]);
    expect(headerLinks(readPage(outDir, '/en/'))).toContainEqual(['/en/about/', 'About us', false]);
    expect(footerLinks(readPage(outDir, '/'))).toContain('/varstvo-osebnih-podatkov/');
    expect(footerLinks(readPage(outDir, '/en/'))).toContain('/en/privacy/');
  });

  it('shows a new page added to the menu in the header of both languages, in the order staff gave', () => {
    expect(headerLinks(readPage(outDir, '/'))).toEqual([
      ['/novice/', 'Novice', false],
      ['/delavnice/', 'Delavnice', false],
      ['/regije/', 'Regije', false],
      ['/partnerji/', 'Partnerji', false],
      ['/o-zavodu/', 'O zavodu', false],
      ['/kontakt/', 'Kontakt', false],
      ['/iskanje/', 'Iskanje', false],
    ]);
    expect(headerLinks(readPage(outDir, '/en/news/'))).toEqual([
      ['/en/news/', 'News', true],
      ['/en/workshops/', 'Workshops', false],
      ['/en/regions/', 'Regions', false],
      ['/en/partners/', 'Partners', false],
      ['/en/about/', 'About us', false],
      ['/en/contact/', 'Contact', false],
      ['/en/search/', 'Search', false],
    ]);
    expect(headerLinks(readPage(outDir, '/kontakt/'))).toContainEqual(['/kontakt/', 'Kontakt', true]);
    expect(readPage(outDir, '/en/contact/')).toMatch(/<h1[^>]*>Contact<\/h1>/);
    expect(readPage(outDir, '/kontakt/')).toContain('hreflang="en" href="https://www.koper-otok.test/en/contact/"');
    expect(brokenInternalLinks(outDir)).toEqual([]);
  });

  it('lists pages in the sitemap and the search index like any entry', () => {
    expect(sitemapPaths(outDir, SITE_URL)).toEqual(expect.arrayContaining(['/kontakt/', '/en/contact/', '/o-zavodu/']));
    expect(readPage(outDir, '/kontakt/')).toMatch(/<main [^>]*data-pagefind-body/);
  });
});

describe('the Slovenian admin', () => {
  it('labels the menu and its links in Slovenian', async () => {
    const headers = { authorization: `Bearer ${editor.adminJwt}` };
    const menu = await fetch(`${cms.url}/content-manager/content-types/api::navigation.navigation/configuration`, {
      headers,
    });
    const link = await fetch(`${cms.url}/content-manager/components/navigation.link/configuration`, { headers });
    expect([menu.status, link.status]).toEqual([200, 200]);
    const { data: menuConfig } = (await menu.json()) as ConfigurationAnswer<'contentType'>;
    const { data: linkConfig } = (await link.json()) as ConfigurationAnswer<'component'>;
    expect(menuConfig.contentType.metadatas.header.edit.label).toBe('Glava (glavni meni)');
    expect(linkConfig.component.metadatas.page.edit.label).toBe('Stran');
    expect(linkConfig.component.metadatas.url.edit.placeholder).toBe('https://');
  });
});

describe('the CMS keeps pages and the menu consistent', () => {
  it('refuses a page slug that would take the place of a section, naming the slug', async () => {
    const { status, body } = await editor.tryUpdate('pages', contactId, 'sl', { slug: 'novice' });
    expect(status).toBe(400);
    expect(body?.error?.details?.errors?.[0]?.path).toEqual(['slug']);
    expect(body?.error?.message).toContain('»novice« je naslov razdelka');
  });

  it('refuses to delete a page the menu links to, naming the menu, in the admin and over REST', async () => {
    const refused = await staff.request<{ error: { message: string } }>(
      'DELETE',
      `${collection('page')}/${contactId}?locale=sl`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('meni »Meni« (glava / header, sl)');
    expect(refused.body.error.message).toContain('the menu "Navigation" links to it');

    const overRest = await fetch(`${cms.url}/api/pages/${contactId}?locale=en`, { method: 'DELETE', headers: auth() });
    expect(overRest.status).toBe(400);
    expect(((await overRest.json()) as { error: { message: string } }).error.message).toContain('glava / header, en');

    // Nothing was deleted.
    const kept = await fetch(`${cms.url}/api/pages/${contactId}?locale=sl`, { headers: auth() });
    expect(kept.status).toBe(200);
  });

  it('deletes the page once staff have taken it out of the menu', async () => {
    for (const locale of ['sl', 'en'] as const) {
      const menus = await readMenus(locale);
      menus.header = menus.header.filter((link) => link.page?.documentId !== contactId);
      await publishMenus(locale, menus);
    }
    const deleted = await staff.request('DELETE', `${collection('page')}/${contactId}?locale=sl`);
    expect(deleted.status).toBe(200);
  });
});

describe('without a menu', () => {
  let bare: string;
  beforeAll(async () => {
    // Slovenian: no menu at all; English: a menu whose header staff emptied.
    const removed = await fetch(`${cms.url}/api/navigation?locale=sl`, { method: 'DELETE', headers: auth() });
    expect(removed.status).toBe(204);
    await publishMenus('en', { ...(await readMenus('en')), header: [] });
    bare = path.join(tempDir('pages-site-bare'), 'dist');
    await buildSite({ strapiUrl: cms.url, tokenFile: cms.tokenFile, siteUrl: SITE_URL, outDir: bare, label: false });
  });
  afterAll(() => {
    if (bare) rmSync(path.dirname(bare), { recursive: true, force: true });
  });

  it("shows today's section links in the header of both languages, and the footer staff kept", () => {
    expect(headerLinks(readPage(bare, '/o-zavodu/'))).toEqual([
      ['/novice/', 'Novice', false],
      ['/delavnice/', 'Delavnice', false],
      ['/regije/', 'Regije', false],
      ['/partnerji/', 'Partnerji', false],
      ['/iskanje/', 'Iskanje', false],
    ]);
    expect(headerLinks(readPage(bare, '/en/workshops/')).map(([href, , current]) => [href, current])).toEqual([
      ['/en/news/', false],
      ['/en/workshops/', true],
      ['/en/regions/', false],
      ['/en/partners/', false],
      ['/en/search/', false],
    ]);
    expect(footerLinks(readPage(bare, '/'))).toEqual([]);
    expect(footerLinks(readPage(bare, '/en/'))).toEqual(['/en/privacy/']);
  });
});
