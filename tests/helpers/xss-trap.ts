/**
 * Catching script that should not run, in Chromium. A context is armed before any page loads:
 *   - alert/confirm/prompt/print and a global __xss() report to the test (init script in every
 *     frame), and a dialog that opens anyway (from a frame the script missed) is a breach too;
 *   - uncaught page errors, popups, navigations away from the page (meta refresh, javascript:,
 *     data:), frames, and requests for scripts, stylesheets or documents the site does not ship;
 *   - after load, the DOM is audited: no script but JSON-LD, the search page's and a workshop's
 *     registration form's own (outside rendered content), no
 *     iframe/object/embed/form/base/meta-refresh/style in the body, no on* attribute anywhere,
 *     every URL attribute resolving to http(s)/mailto/tel, every external link rel="noopener noreferrer".
 * A breach names the page and what happened, so a failure says which payload got through.
 */
import type { BrowserContext, Page, Request } from 'playwright-core';

export interface Breach {
  page: string;
  kind: string;
  detail: string;
}

export interface Trap {
  breaches: Breach[];
  /** A new tab that records everything above while it visits pages of the served site. */
  newVisitor(): Promise<Visitor>;
}

export interface Visitor {
  page: Page;
  /** Opens urlPath on the served site, waits for load, audits the DOM; returns the page for more checks. */
  visit(urlPath: string): Promise<Page>;
}

const SITE_ASSETS = /^\/(_astro|pagefind)\/|^\/(favicon\.svg|search-page\.js|registration-form\.js)$/;

export async function armTrap(context: BrowserContext, siteUrl: string): Promise<Trap> {
  const breaches: Breach[] = [];
  const origin = new URL(siteUrl).origin;
  const currentPath = new WeakMap<Page, string>();
  const record = (page: Page, kind: string, detail: string) =>
    breaches.push({ page: currentPath.get(page) ?? '?', kind, detail: detail.slice(0, 300) });

  await context.exposeBinding('__xssReport', (source, kind: string, detail: string) =>
    record(source.page, kind, detail),
  );
  await context.addInitScript(() => {
    const report =
      (kind: string) =>
      (...args: unknown[]) => {
        (window as unknown as { __xssReport(k: string, d: string): void }).__xssReport(kind, String(args[0]));
      };
    for (const name of ['alert', 'confirm', 'prompt', 'print', '__xss'])
      (window as unknown as Record<string, unknown>)[name] = report(name);
  });

  async function newVisitor(): Promise<Visitor> {
    const page = await context.newPage();
    const current = () => currentPath.get(page) ?? '';
    page.on('dialog', (dialog) => {
      record(page, 'dialog', `${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => {});
    });
    page.on('pageerror', (error) => record(page, 'pageerror', error.message));
    page.on('popup', (popup) => record(page, 'popup', popup.url()));
    page.on('framenavigated', (frame) => {
      const url = frame.url();
      if (url === 'about:blank' || url === `${origin}${current()}` || url.startsWith(`${origin}${current()}?`)) return;
      record(page, 'navigation', `${frame === page.mainFrame() ? 'page' : 'frame'} went to ${url}`);
    });
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      const type = request.resourceType();
      if (type === 'image') return; // images may point anywhere; the sanitiser allows http(s) images
      const sameOrigin = url.origin === origin;
      const isThisPage =
        sameOrigin &&
        url.pathname === current() &&
        request.isNavigationRequest() &&
        request.frame() === page.mainFrame();
      const isSiteAsset =
        sameOrigin &&
        SITE_ASSETS.test(url.pathname) &&
        ['script', 'stylesheet', 'fetch', 'xhr', 'other', 'font'].includes(type);
      if (!isThisPage && !isSiteAsset) record(page, 'request', `${type} ${request.url()}`);
    });
    return {
      page,
      async visit(urlPath) {
        currentPath.set(page, urlPath);
        try {
          const response = await page.goto(`${origin}${urlPath}`, { waitUntil: 'load' });
          if (!response || response.status() !== 200) record(page, 'http', `status ${response?.status()}`);
          // Let autofocus, timers queued at load and one animation frame run.
          await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
          for (const problem of await page.evaluate(auditDocument, urlPath)) record(page, 'dom', problem);
        } catch (error) {
          // A page that navigates itself away (meta refresh, script) destroys the audit's context.
          record(page, 'navigation', `the page did not stay put: ${(error as Error).message.split('\n')[0]}`);
        }
        return page;
      },
    };
  }

  return { breaches, newVisitor };
}

/** Runs in the page: what the DOM must never contain. Returns the problems found. */
function auditDocument(urlPath: string): string[] {
  const problems: string[] = [];
  const isSearchPage = /^\/(en\/search|iskanje)\/$/.test(urlPath);
  const describe = (el: Element) => el.outerHTML.slice(0, 160);
  // A workshop's own registration form and its script: the page's, never from rendered content (.prose).
  const registrationForm = Array.from(document.querySelectorAll('form[data-registration-form]')).find(
    (form) => !form.closest('.prose'),
  );
  const scriptPath = (script: HTMLScriptElement) => new URL(script.src || '/', location.href).pathname;

  for (const script of Array.from(document.scripts)) {
    const jsonLd = script.type === 'application/ld+json';
    const searchUi = isSearchPage && (script.src.includes('/pagefind/') || scriptPath(script) === '/search-page.js');
    const registrationUi = registrationForm !== undefined && scriptPath(script) === '/registration-form.js';
    if (!jsonLd && !searchUi && !registrationUi) problems.push(`script element: ${describe(script)}`);
  }
  const forbidden =
    'iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], body style, body link, template, math, video, audio, marquee, bgsound, portal, textarea, select, keygen, isindex, details';
  for (const el of Array.from(document.querySelectorAll(forbidden))) {
    // Pagefind's own UI and stylesheet on the search page.
    if (
      isSearchPage &&
      (el.closest('#search') || (el.matches('link') && el.getAttribute('href')?.startsWith('/pagefind/')))
    )
      continue;
    problems.push(`forbidden element: ${describe(el)}`);
  }
  for (const el of Array.from(document.querySelectorAll('form, input, button'))) {
    const ownForm =
      (isSearchPage && el.closest('#search')) || (registrationForm && el.closest('form') === registrationForm);
    if (!ownForm) problems.push(`form control: ${describe(el)}`);
  }
  for (const el of Array.from(document.querySelectorAll('svg'))) {
    if (!el.closest('.region-map')) problems.push(`svg outside the region map: ${describe(el)}`);
  }

  const urlAttributes = [
    'href',
    'src',
    'action',
    'formaction',
    'data',
    'poster',
    'background',
    'cite',
    'xlink:href',
    'dynsrc',
    'lowsrc',
    'srcdoc',
  ];
  for (const el of Array.from(document.querySelectorAll('*'))) {
    // Pagefind's UI builds its own form (action="javascript:void(0);") from its bundled script.
    if (isSearchPage && el.closest('#search')) continue;
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`event handler ${name}: ${describe(el)}`);
      if (name === 'style' && el.closest('main')) problems.push(`style attribute in content: ${describe(el)}`);
      if (name === 'srcdoc') problems.push(`srcdoc: ${describe(el)}`);
      const values =
        name === 'srcset'
          ? attr.value.split(',').map((c) => c.trim().split(/\s+/)[0])
          : urlAttributes.includes(name)
            ? [attr.value]
            : [];
      for (const value of values.filter(Boolean)) {
        let protocol: string;
        try {
          protocol = new URL(value, document.baseURI).protocol;
        } catch {
          continue; // unparseable: a browser would not follow it either
        }
        if (!['http:', 'https:', 'mailto:', 'tel:'].includes(protocol))
          problems.push(`${name} with ${protocol} URL: ${describe(el)}`);
      }
    }
  }
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
    if (!/^https?:$/.test(a.protocol) || a.origin === location.origin) continue;
    const rel = a.rel.split(/\s+/);
    if (!rel.includes('noopener') || !rel.includes('noreferrer'))
      problems.push(`external link without rel="noopener noreferrer": ${describe(a)}`);
  }
  for (const block of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      JSON.parse(block.textContent ?? '');
    } catch (error) {
      problems.push(`JSON-LD does not parse (${(error as Error).message}): ${(block.textContent ?? '').slice(0, 120)}`);
    }
  }
  return problems;
}
