/**
 * The built site behind Debian's nginx with the production rules (deploy/nginx/site.conf) and
 * the redirect include the build writes, served through a `live` symlink as in production:
 * old WordPress URLs and earlier slugs answer 301 in one hop, unknown paths the site's 404
 * page, pages, feeds and calendars their types, with the caching, security and compression
 * headers production sends; Chromium searches with Pagefind under the Content-Security-Policy.
 */
import { cpSync, existsSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { runProcess } from '../../scripts/lib/processes.ts';
import { NGINX_REDIRECTS_FILE, nginxRedirectRules } from '../../site/src/lib/content/redirect-rules';
import { startTestCms, tempDir, type TestCms } from '../helpers/cms';
import {
  checkNginxConfig,
  PRODUCTION_SERVERS,
  REGISTRATION_API,
  REGISTRATION_ZONE,
  registrationHttpContext,
  SITE_RULES,
  serveWithNginx,
  type ServedByNginx,
} from '../helpers/nginx';
import { launchChromium, loopbackContext } from '../helpers/browser';
import { allTextFiles } from '../helpers/site-output';
import { startMailbox, type Mailbox } from '../helpers/mailbox';

const SITE_URL = 'https://www.koper-otok.test';
const OLD_SLUG = '/novice/stari-naslov/';
let cms: TestCms;
let nginx: ServedByNginx | undefined;
let workDir: string;
let outDir: string;
let live: string;
let articlePath: string;
let mailbox: Mailbox;
/** The demo's example workshop with registration open (cms/data/demo-content.json). */
let registrationPath: string;
let redirectsChecked = 0;
let pagesChecked = 0;

beforeAll(async () => {
  mailbox = await startMailbox();
  cms = await startTestCms({
    env: {
      ...mailbox.env,
      // The "one more step" page's ticket may be used after three seconds (five by default).
      REGISTRATION_TICKET_MIN_AGE_MS: '3000',
    },
  });
  workDir = tempDir('nginx-site');
  const open = await cms.graphql<{ workshops: { slug: string }[] }>(
    '{ workshops(locale: "sl", filters: { registrationOpen: { eq: true } }) { slug } }',
  );
  registrationPath = `/delavnice/${open.body.data!.workshops[0].slug}/`;
  const { body } = await cms.graphql<{ articles: { documentId: string; slug: string }[] }>(
    '{ articles(locale: "sl", pagination: { limit: 1 }) { documentId slug } }',
  );
  const [article] = body.data!.articles;
  articlePath = `/novice/${article.slug}/`;

  // The importer's map: WordPress permalinks, one of them pointing at the article's earlier slug.
  const redirectsFile = path.join(workDir, 'redirects.json');
  writeFileSync(
    redirectsFile,
    JSON.stringify([
      { from: '/2017/02/14/čokoladni-dan', to: '/novice/' },
      { from: '/2016/05/01/stari-clanek/', to: OLD_SLUG },
    ]),
  );
  // The previous build's history: the article used to live at its earlier slug.
  const pathHistoryFile = path.join(workDir, 'path-history.json');
  writeFileSync(pathHistoryFile, JSON.stringify({ [`article:${article.documentId}:sl`]: [OLD_SLUG, articlePath] }));

  outDir = path.join(workDir, 'builds', 'one');
  await buildSite({
    strapiUrl: cms.url,
    tokenFile: cms.tokenFile,
    siteUrl: SITE_URL,
    outDir,
    label: false,
    redirectsFile,
    pathHistoryFile,
    // As in production: the form posts to the site's own address, which nginx passes to Strapi.
    env: { REGISTRATION_API_URL: '/' },
  });
  live = path.join(workDir, 'live');
  symlinkSync(outDir, live);
  nginx = await serveWithNginx(
    live,
    [path.join(live, NGINX_REDIRECTS_FILE), REGISTRATION_API],
    undefined,
    registrationHttpContext(cms.url),
  );
}, 600_000);

afterAll(async () => {
  await nginx?.stop();
  await cms?.dispose();
  await mailbox?.close();
  console.log(`nginx: ${redirectsChecked} redirects and ${pagesChecked} pages checked over HTTP`);
});

const get = (urlPath: string, headers: Record<string, string> = {}) =>
  fetch(`${nginx!.url}${urlPath}`, { redirect: 'manual', headers });

async function expectRedirect(from: string, to: string) {
  const response = await get(from);
  expect(response.status, from).toBe(301);
  expect(response.headers.get('location'), from).toBe(to);
  redirectsChecked++;
}

async function expectPage(urlPath: string, type: string) {
  const response = await get(urlPath);
  expect(response.status, urlPath).toBe(200);
  expect(response.headers.get('content-type'), urlPath).toBe(type);
  pagesChecked++;
  return response;
}

describe('redirects', () => {
  it('answers an old WordPress URL with 301 and the new Location, in every spelling', async () => {
    await expectRedirect('/2017/02/14/%C4%8Dokoladni-dan/', '/novice/');
    // nginx adds the slash (the redirect page's folder exists), then the rule answers.
    const response = await get('/2017/02/14/%C4%8Dokoladni-dan');
    expect(response.status).toBe(301);
  });

  it('answers an earlier slug with 301 to where the entry lives now', async () => {
    await expectRedirect(OLD_SLUG, articlePath);
  });

  it('collapses a chain: the WordPress URL that pointed at the earlier slug goes straight to the article', async () => {
    await expectRedirect('/2016/05/01/stari-clanek/', articlePath);
    const target = await get(articlePath);
    expect(target.status).toBe(200);
  });

  it('writes the same collapsed list to _redirects, and keeps the redirect pages for hosts without redirects', () => {
    expect(readFileSync(path.join(outDir, '_redirects'), 'utf8')).toBe(
      [
        '/2017/02/14/%C4%8Dokoladni-dan/ /novice/ 301',
        `/2016/05/01/stari-clanek/ ${articlePath} 301`,
        `${OLD_SLUG} ${articlePath} 301`,
        '',
      ].join('\n'),
    );
    expect(readFileSync(path.join(outDir, OLD_SLUG, 'index.html'), 'utf8')).toContain('http-equiv="refresh"');
    expect(existsSync(path.join(outDir, 'moved-pages.json'))).toBe(false);
  });

  it('does not serve the redirect include itself', async () => {
    const response = await get(`/${NGINX_REDIRECTS_FILE}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('location =');
  });
});

describe('pages', () => {
  it('answers an unknown path with 404 and the site’s bilingual not-found page', async () => {
    const response = await get('/ni-je-te-strani/');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('Strani ni mogoče najti');
    expect(html).toContain('Page not found');
    pagesChecked++;
  });

  it('serves the home pages and an article as HTML, revalidated on every visit', async () => {
    for (const urlPath of ['/', '/en/', articlePath]) {
      const response = await expectPage(urlPath, 'text/html; charset=utf-8');
      expect(response.headers.get('cache-control'), urlPath).toBe('no-cache');
      expect(await response.text(), urlPath).toMatch(/^<!DOCTYPE html>/i);
    }
  });

  it('serves feeds as XML, calendars as text/calendar and the sitemap as XML, all revalidated', async () => {
    for (const [urlPath, type] of [
      ['/rss.xml', 'text/xml; charset=utf-8'],
      ['/en/rss.xml', 'text/xml; charset=utf-8'],
      ['/delavnice.ics', 'text/calendar; charset=utf-8'],
      ['/sitemap-index.xml', 'text/xml; charset=utf-8'],
    ]) {
      const response = await expectPage(urlPath, type);
      expect(response.headers.get('cache-control'), urlPath).toBe('no-cache');
    }
  });

  it('lets browsers keep hashed assets for good', async () => {
    const home = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const asset = home.match(/(?:href|src)="(\/_astro\/[^"]+)"/)?.[1];
    expect(asset, 'an /_astro/ asset linked from the home page').toBeDefined();
    const response = await get(asset!);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('compresses text when the browser accepts gzip', async () => {
    const raw = await rawGet('/', { 'accept-encoding': 'gzip' });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(raw.headers.vary).toContain('Accept-Encoding');
    expect(gunzipSync(raw.body).toString('utf8')).toBe(readFileSync(path.join(outDir, 'index.html'), 'utf8'));
  });
});

describe('security headers', () => {
  it('sends them on pages, assets, redirects and the 404 page alike', async () => {
    for (const urlPath of ['/', '/en/search/', OLD_SLUG, '/ni-je-te-strani/']) {
      const { headers } = await get(urlPath);
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp, urlPath).toContain("default-src 'self'");
      expect(csp, urlPath).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp, urlPath).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options'), urlPath).toBe('nosniff');
      expect(headers.get('x-frame-options'), urlPath).toBe('DENY');
      expect(headers.get('referrer-policy'), urlPath).toBe('strict-origin-when-cross-origin');
      expect(headers.get('permissions-policy'), urlPath).toContain('camera=()');
      expect(headers.get('server'), urlPath).toBe('nginx');
    }
  });

  it('needs no inline script anywhere in the build, so the policy can refuse them', () => {
    for (const { file, text } of allTextFiles(outDir).filter((f) => f.file.endsWith('.html'))) {
      const inline = [...text.matchAll(/<script\b([^>]*)>/g)]
        .map((m) => m[1])
        .filter((attrs) => !attrs.includes(' src=') && !attrs.includes('application/ld+json'));
      expect(inline, file).toEqual([]);
    }
  });
});

/** A GET whose body stays as sent (fetch would decompress it). */
async function rawGet(urlPath: string, headers: Record<string, string>) {
  return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    request(`${nginx!.url}${urlPath}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('in a browser, under the Content-Security-Policy', () => {
  it('searches with Pagefind, shows pages and registers through the form’s script without a single policy violation', async () => {
    const browser = await launchChromium();
    try {
      const context = await loopbackContext(browser);
      const page = await context.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) violations.push(message.text());
      });
      await page.goto(`${nginx!.url}/iskanje/`);
      await page.locator('#search input').fill('slaščičarne');
      const result = page.locator('.pagefind-ui__result-link').first();
      await result.waitFor({ timeout: 15_000 });
      expect(await result.textContent()).toBe('Nov vodič po ponudbi mestnega jedra za tuje turiste');
      await page.goto(`${nginx!.url}/`);
      await page.goto(`${nginx!.url}${articlePath}`);
      // The registration form's script: it solves the API's challenge and sends the form with fetch.
      await page.goto(`${nginx!.url}${registrationPath}`);
      // The script is deferred: it has taken the form over once the browser's own checks are off.
      await page.locator('form[data-registration-form][novalidate]').waitFor({ timeout: 15_000 });
      // Sent empty: each field's message is tied to it and the first one to correct has the focus.
      await page.getByRole('button', { name: 'Pošlji prijavo' }).click();
      const name = page.getByRole('textbox', { name: /^Ime in priimek/ });
      // A loaded CI machine can take more than poll's default second to answer one evaluate.
      await expect
        .poll(() => name.evaluate((field) => field === document.activeElement), { timeout: 15_000 })
        .toBe(true);
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByRole('textbox', { description: 'Vpišite ime in priimek.' }).count()).toBe(1);
      await page.getByRole('textbox', { name: /^Ime in priimek/ }).fill('Marko Kovač');
      await page.getByRole('textbox', { name: /^E-poštni naslov/ }).fill('marko.kovac@example.org');
      await page.getByRole('checkbox', { name: /^Strinjam se/ }).check();
      await page.getByRole('button', { name: 'Pošlji prijavo' }).click();
      await expect
        .poll(() => page.locator('[data-registration-status]').textContent(), { timeout: 30_000 })
        .toMatch(/^Poslali smo vam e-pošto/);
      expect(page.url(), 'the answer shows on the page itself').toBe(`${nginx!.url}${registrationPath}`);
      await mailbox.next('marko.kovac@example.org');
      expect(violations).toEqual([]);
      pagesChecked += 4;
    } finally {
      await browser.close();
    }
  });
});

describe('registering for a workshop without JavaScript', () => {
  it('fills the form on the built workshop page, lands on the outcome page, and confirms with the mailed link', async () => {
    const browser = await launchChromium();
    try {
      const context = await loopbackContext(browser, { javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${nginx!.url}${registrationPath}`);
      expect(await page.locator('.places').textContent()).toBe('Še 12 prostih mest');
      await page.getByRole('textbox', { name: /^Ime in priimek/ }).fill('Ana Novak');
      await page.getByRole('textbox', { name: /^E-poštni naslov/ }).fill('ana.novak@example.org');
      await page.getByRole('textbox', { name: /^Organizacija/ }).fill('Mestna občina Koper');
      await page.getByRole('checkbox', { name: /^Strinjam se/ }).check();
      await page.getByRole('button', { name: 'Pošlji prijavo' }).click();
      // Without a proof of work the API asks for one more click, with a ticket that must age a little.
      expect(await page.locator('h1').textContent()).toBe('Še en korak');
      // Clicked at once: the same page again, asking to wait, with nothing lost.
      await page.getByRole('button', { name: 'Potrdi prijavo' }).click();
      await page.getByRole('status').waitFor();
      expect(await page.getByRole('status').textContent()).toMatch(/^Potrdili ste hitreje, kot smo pričakovali/);
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      await page.getByRole('button', { name: 'Potrdi prijavo' }).click();
      await page.waitForURL(`${nginx!.url}/prijava/poslano/`);
      expect(await page.locator('h1').textContent()).toBe('Preverite e-pošto');
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
      const { mail } = await mailbox.next('ana.novak@example.org');
      expect(mailbox.count('ana.novak@example.org')).toBe(1);
      // The mailed link, opened on the site's address (where production's links point).
      const link = new URL(mail.text!.match(/https?:\/\/\S+\/api\/registrations\/confirm\?token=\S+/)![0]);
      await page.goto(`${nginx!.url}${link.pathname}${link.search}`);
      await page.waitForURL(`${nginx!.url}/prijava/potrjena/`);
      expect(await page.locator('h1').textContent()).toBe('Prijava je potrjena');
      pagesChecked += 2;
    } finally {
      await browser.close();
    }
  });
});

describe('production', () => {
  it('the production server blocks pass `nginx -t` with these rules and a build’s redirects', async () => {
    const certDir = tempDir('nginx-cert');
    const [cert, key] = [path.join(certDir, 'cert.pem'), path.join(certDir, 'key.pem')];
    await runProcess(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=www.koper-otok.test',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { cwd: certDir, label: false },
    );
    const production = readFileSync(PRODUCTION_SERVERS, 'utf8');
    expect(production).toContain('include /etc/nginx/snippets/koper-otok-site.conf;');
    expect(production).toContain('include /etc/nginx/snippets/koper-otok-registration-api.conf;');
    expect(production).toContain('root /srv/koper-otok/data/site/live;');
    expect(production).toContain('include /srv/koper-otok/data/site/live/nginx-redirects.conf;');
    expect(production).toContain('Strict-Transport-Security');
    const servers = production
      .replaceAll('/etc/nginx/snippets/koper-otok-site.conf', SITE_RULES)
      .replaceAll('/etc/nginx/snippets/koper-otok-registration-api.conf', REGISTRATION_API)
      .replaceAll('/etc/nginx/snippets/koper-otok-registration-zone.conf', REGISTRATION_ZONE)
      .replaceAll('/srv/koper-otok/data/site/live', live)
      .replaceAll(/\/etc\/letsencrypt\/live\/[^;]*fullchain\.pem/g, cert)
      .replaceAll(/\/etc\/letsencrypt\/live\/[^;]*privkey\.pem/g, key);
    await checkNginxConfig(() => servers);
  });

  it('passes exactly the registration routes to Strapi; other /api paths and /admin stay the site’s 404', async () => {
    const { body } = await cms.graphql<{ workshops: { documentId: string }[] }>(
      '{ workshops(locale: "sl", pagination: { limit: 1 }) { documentId } }',
    );
    const places = await get(`/api/registrations/places?workshop=${body.data!.workshops[0].documentId}`, {
      accept: 'application/json',
    });
    expect(places.status).toBe(200);
    expect(await places.json()).toMatchObject({ open: expect.any(Boolean), confirmed: expect.any(Number) });
    // A post without its fields or proof: Strapi's registration API names the outcome.
    const post = await fetch(`${nginx!.url}/api/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: 'language=en',
    });
    expect(post.status).toBeGreaterThanOrEqual(400);
    expect(await post.json()).toMatchObject({ outcome: expect.any(String) });

    for (const closed of ['/api/articles', '/api/workshops?locale=sl', '/admin', '/graphql', '/api/registrationsx']) {
      const response = await get(closed);
      expect(response.status, closed).toBe(404);
      expect(await response.text(), closed).toMatch(/<!doctype html>/i);
    }
  });

  it('answers 429 from nginx once an address has used up its registration burst', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await get('/api/registrations/places?workshop=none')).status);
    expect(statuses[0]).not.toBe(429);
    expect(statuses.slice(-5)).toEqual([429, 429, 429, 429, 429]);
  });

  it('serves the next build’s redirects once nginx reloads, as the deploy hook does after a switch', async () => {
    const next = path.join(workDir, 'builds', 'two');
    cpSync(outDir, next, { recursive: true });
    const added = { from: '/2018/01/01/nov-stari-url/', to: '/novice/' };
    writeFileSync(path.join(next, NGINX_REDIRECTS_FILE), nginxRedirectRules([added]).text);
    // The switch, as scripts/lib/live-site.ts does it: a new symlink renamed over `live`.
    symlinkSync(next, `${live}.next`);
    renameSync(`${live}.next`, live);

    expect((await get(added.from)).status, 'before the reload: the previous build’s rules').toBe(404);
    await nginx!.reload();
    await expect.poll(async () => (await get(added.from)).status, { timeout: 10_000 }).toBe(301);
    redirectsChecked++;
    expect((await get(OLD_SLUG)).status, 'a redirect the next build no longer has').not.toBe(301);
  });
});
