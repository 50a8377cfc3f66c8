// Redirects staff save in the admin (cms/src/validation/redirects.ts): one spelling of each
// address, only what the server can redirect, no loops, chains flattened with a note; and the
// site's routes (content-types/routes.js) that tell a page from a free path; the site's own
// redirects the admin lists read-only (cms/src/redirects/site-redirects.ts).
import { describe, expect, it } from 'vitest';
import { siteRouteOf, withTrailingSlash } from '@koper-otok/content-types';
import {
  checkSource,
  checkTarget,
  flattenedNote,
  resolveTarget,
  withNoteLine,
} from '../../cms/src/validation/redirects.ts';
import { mirroredRedirects } from '../../cms/src/redirects/site-redirects.ts';

const LABELS: Record<string, string> = { from: 'Stari naslov', to: 'Novi naslov' };
const label = (field: string) => LABELS[field] ?? field;
const valueOf = (checked: ReturnType<typeof checkSource>) => ('value' in checked ? checked.value : checked.problem);

describe('the old address', () => {
  it.each([
    ['stara-stran', '/stara-stran/'],
    ['  /stara//stran ', '/stara/stran/'],
    ['/2017/02/14/%C4%8Dokoladni-dan', '/2017/02/14/čokoladni-dan/'],
    ['/wp-content/uploads/letak.pdf', '/wp-content/uploads/letak.pdf'],
  ])('%j is saved as %j', (entered, saved) => {
    expect(valueOf(checkSource(entered, label))).toBe(saved);
  });

  it.each([
    ['https://www.koper-otok.si/stara/', 'brez https:// in domene'],
    ['//evil.example/a/', 'brez https:// in domene'],
    ['/?p=123', 'naslov z »?« ali »#« ni podprt'],
    ['/stara/#del', 'naslov z »?« ali »#« ni podprt'],
    ['/a/../b/', 'strežnik ne more preusmeriti'],
    ['/cena-$5/', 'strežnik ne more preusmeriti'],
    ['/slabo-%E0%A4%A/', 'strežnik ne more preusmeriti'],
  ])('refuses %j, in Slovenian and English, naming the field', (entered, reason) => {
    const checked = checkSource(entered, label);
    expect(checked).toHaveProperty('problem.field', 'from');
    const { message } = (checked as { problem: { message: string } }).problem;
    expect(message).toMatch(/^Stari naslov: /);
    expect(message).toContain(reason);
    expect(message).toContain(' / from: ');
  });
});

describe('the new address', () => {
  it.each([
    ['/novice', '/novice/'],
    ['novice/nova-novica', '/novice/nova-novica/'],
    ['/iskanje?q=delavnice', '/iskanje/?q=delavnice'],
    ['https://www.koper.si/', 'https://www.koper.si/'],
  ])('%j is saved as %j', (entered, saved) => {
    expect(valueOf(checkTarget(entered, label))).toBe(saved);
  });

  it.each(['javascript:alert(1)', 'ftp://www.koper.si/', 'https://localhost/', '//evil.example/', '/a"b/'])(
    'refuses %j',
    (entered) => {
      expect(checkTarget(entered, label)).toHaveProperty('problem.field', 'to');
    },
  );
});

describe('chains and loops', () => {
  const others = new Map([
    ['/b/', '/c/'],
    ['/c/', '/d/'],
    ['/krog/', '/a/'],
  ]);

  it('follows the new address to the end of its chain and names the hops for the note', () => {
    const resolved = resolveTarget('/a/', '/b/', others, label);
    expect(resolved).toEqual({ to: '/d/', via: ['/b/', '/c/'] });
    const note = flattenedNote('/b/', resolved as { to: string; via: string[] });
    expect(note).toContain('Novi naslov /b/ že preusmerja naprej (/b/ → /c/ → /d/)');
    expect(note).toContain('now points straight at /d/');
    expect(withNoteLine('Stara akcija.', note)).toBe(`Stara akcija.\n${note}`);
  });

  it('leaves a new address that does not redirect as it is', () => {
    expect(resolveTarget('/a/', 'https://www.koper.si/', others, label)).toEqual({
      to: 'https://www.koper.si/',
      via: [],
    });
  });

  it('refuses a redirect to itself and one that comes back, naming the circle', () => {
    expect(resolveTarget('/a/', '/a/', others, label)).toHaveProperty(
      'problem.message',
      expect.stringContaining('preusmeritev bi se vrtela v krogu (/a/ → /a/)'),
    );
    expect(resolveTarget('/a/', '/krog/', others, label)).toHaveProperty(
      'problem.message',
      expect.stringContaining('(/a/ → /krog/ → /a/)'),
    );
  });
});

describe('the site’s routes, shared by the site and the CMS', () => {
  it.each([
    ['/', { kind: 'page', locale: 'sl' }],
    ['/en/', { kind: 'page', locale: 'en' }],
    ['/novice/', { kind: 'page', locale: 'sl' }],
    ['/en/news/page/3/', { kind: 'page', locale: 'en' }],
    ['/iskanje/', { kind: 'page', locale: 'sl' }],
    ['/en/rss.xml', { kind: 'page', locale: 'en' }],
    ['/delavnice.ics', { kind: 'page', locale: 'sl' }],
    ['/_astro/a.css', { kind: 'build-file' }],
    ['/novice/delavnica-v-postojni/', { kind: 'entry', type: 'article', locale: 'sl', slug: 'delavnica-v-postojni' }],
    ['/en/partners/gzs/', { kind: 'entry', type: 'partner', locale: 'en', slug: 'gzs' }],
    ['/delavnice/postojna.ics', { kind: 'entry', type: 'workshop', locale: 'sl', slug: 'postojna' }],
    // Pages live at the root of their language: a page's route, live only if such a page is published.
    ['/stara-stran/', { kind: 'entry', type: 'page', locale: 'sl', slug: 'stara-stran' }],
    ['/en/about/', { kind: 'entry', type: 'page', locale: 'en', slug: 'about' }],
  ])('%s is %j', (path, route) => {
    expect(siteRouteOf(path)).toEqual(route);
  });

  it.each(['/2017/02/14/novica/', '/novice/a/b/', '/novice/x.ics', '/en/novice/', '/en/en/'])(
    '%s is not a route of the site',
    (path) => {
      expect(siteRouteOf(path)).toBeNull();
    },
  );

  it('adds the slash to folder paths only', () => {
    expect(['/a', '/a/', '/a/b.pdf', '/a/.b'].map(withTrailingSlash)).toEqual(['/a/', '/a/', '/a/b.pdf', '/a/.b/']);
  });
});

describe('the site’s own redirects, mirrored into the admin', () => {
  it('lists the import map, then each entry’s earlier paths to its current one', () => {
    const map = [{ from: '/2017/02/14/cokolada', to: '/novice/' }];
    const history = {
      'article:a:sl': ['/novice/prvi/', '/novice/drugi/', '/novice/tretji/'],
      'article:b:sl': ['/novice/samo-eden/'],
      // b's earlier path is a's current one: a page, not a redirect.
      'article:c:sl': ['/novice/tretji/', '/novice/cetrti/'],
    };
    expect(mirroredRedirects(map, history)).toEqual([
      { from: '/2017/02/14/cokolada/', to: '/novice/', origin: 'import' },
      { from: '/novice/prvi/', to: '/novice/tretji/', origin: 'slug-change' },
      { from: '/novice/drugi/', to: '/novice/tretji/', origin: 'slug-change' },
    ]);
  });

  it('lists nothing from files a first deploy does not have yet, or that are not what a build writes', () => {
    expect(mirroredRedirects(null, null)).toEqual([]);
    expect(mirroredRedirects({ from: '/a/' }, ['/a/'])).toEqual([]);
  });
});
