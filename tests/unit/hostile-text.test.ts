// The hostile corpus (tests/fixtures/hostile) against the site's pure text rules, in
// milliseconds: the markdown sanitiser, links typed into plain fields (lib/content/links.ts),
// and characters that XML and iCalendar forbid. tests/integration/hostile-content.test.ts runs
// the same corpus through Strapi, a real build and Chromium; this catches regressions early.
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import type { CmsRecords } from '../../site/src/lib/cms/records';
import { newsFeedItems } from '../../site/src/lib/content/feed';
import type { ArticleEntry } from '../../site/src/lib/content/graph';
import { safeLinkUrl } from '../../site/src/lib/content/links';
import { renderMarkdown } from '../../site/src/lib/content/markdown';
import { withoutControlCharacters } from '../../site/src/lib/content/text';
import { missingAltWarnings, unsafeLinkWarnings } from '../../site/src/lib/content/validate';
import { PAYLOADS } from '../fixtures/hostile/payloads';

const FORBIDDEN_TAGS = new Set([
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'base',
  'meta',
  'link',
  'svg',
  'math',
  'template',
  'video',
  'audio',
  'source',
  'details',
  'marquee',
  'noscript',
  'title',
]);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'data',
  'poster',
  'background',
  'xlink:href',
  'srcset',
]);

/** What a parser finds in sanitised HTML that must never be there. */
function problemsIn(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (FORBIDDEN_TAGS.has(name)) problems.push(`<${name}>`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith('on') || attribute === 'style' || attribute === 'srcdoc')
            problems.push(`${name}[${attribute}]`);
          if (!URL_ATTRIBUTES.has(attribute)) continue;
          let protocol: string;
          try {
            protocol = new URL(value, 'https://www.koper-otok.test/novice/x/').protocol;
          } catch {
            continue;
          }
          if (!['http:', 'https:', 'mailto:', 'tel:'].includes(protocol))
            problems.push(`${name}[${attribute}=${value.slice(0, 40)}]`);
        }
        if (name === 'a' && /^https?:/i.test(attributes.href ?? '') && attributes.rel !== 'noopener noreferrer')
          problems.push(`external link without rel: ${attributes.href}`);
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}

describe('renderMarkdown with hostile input', () => {
  it.each(PAYLOADS.map((p) => [p.id, p.text]))('%s comes out harmless', (_id, text) => {
    expect(problemsIn(renderMarkdown(text))).toEqual([]);
  });

  it('keeps benign formatting around a payload', () => {
    const html = renderMarkdown(
      '## Heading\n\n- a\n- b\n\n[x](https://example.test/) <img src=x onerror=alert(1)>\n\n| a |\n|---|\n| 1 |\n\n```js\nconst a = 1;\n```',
    );
    expect(html).toContain('<h2>Heading</h2>');
    expect(html).toMatch(/<li>a<\/li>\s*<li>b<\/li>/);
    expect(html).toContain('<a href="https://example.test/" rel="noopener noreferrer">x</a>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<code class="language-js">');
    expect(problemsIn(html)).toEqual([]);
  });

  it('renders the largest payloads quickly (no pathological backtracking)', () => {
    for (const payload of PAYLOADS.filter((p) => p.category === 'huge')) {
      const started = performance.now();
      renderMarkdown(payload.text);
      expect(performance.now() - started, payload.id).toBeLessThan(2000);
    }
  });
});

describe('safeLinkUrl (partner website, registration URL)', () => {
  it.each([
    ['https://www.koper.si/', 'https://www.koper.si/'],
    ['  http://example.test/a b  ', 'http://example.test/a%20b'],
    ['mailto:info@koper-otok.si', 'mailto:info@koper-otok.si'],
    ['https://example.test/"onmouseover="alert(1)"', 'https://example.test/%22onmouseover=%22alert(1)%22'],
    ['javascript:alert(1)', null],
    ['java\tscript:alert(1)', null],
    [' \u0001javascript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox(1)', null],
    ['file:///etc/passwd', null],
    ['//evil.test/x', null],
    ['/novice/x/', null],
    ['www.koper.si', null],
    ['https://', null],
    ['', null],
    [null, null],
  ])('%j -> %j', (input, expected) => {
    expect(safeLinkUrl(input)).toBe(expected);
  });

  it('lets no payload of the corpus through unless it is an http(s) or mailto URL', () => {
    for (const payload of PAYLOADS) {
      const url = safeLinkUrl(payload.text);
      if (url !== null) expect(new URL(url).protocol, payload.id).toMatch(/^(https?|mailto):$/);
    }
  });

  it('names the entry and the field of every link it leaves out', () => {
    const records = {
      sl: {
        articles: [],
        regions: [],
        workshops: [{ documentId: 'w1', slug: 'delavnica', registrationUrl: 'javascript:alert(1)' }],
        partners: [
          { documentId: 'p1', slug: 'partner', website: 'https://www.koper.si/' },
          { documentId: 'p2', slug: 'drugi', website: 'www.koper.si' },
        ],
        pages: [],
      },
      en: { articles: [], regions: [], workshops: [], partners: [], pages: [] },
    } as unknown as CmsRecords;
    const warnings = unsafeLinkWarnings(records);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^workshops \[sl\] w1 \("delavnica"\): field "registrationUrl"/);
    expect(warnings[1]).toMatch(/^partners \[sl\] p2 \("drugi"\): field "website"/);
  });
});

describe('missingAltWarnings (images pasted as HTML)', () => {
  it('names the entry and the field once, however many images lack alt text', () => {
    const records = {
      sl: {
        articles: [
          {
            documentId: 'a1',
            slug: 'novica',
            body: '<img src="https://e.test/1.png"> <img src="https://e.test/2.png"> <img src="https://e.test/3.png" alt="">',
          },
          { documentId: 'a2', slug: 'druga', body: '![opis](https://e.test/4.png) <img src="x">' },
        ],
        regions: [],
        workshops: [],
        partners: [{ documentId: 'p1', slug: 'partner', description: '<IMG SRC="https://e.test/5.png">' }],
        pages: [],
      },
      en: { articles: [], regions: [], workshops: [], partners: [], pages: [] },
    } as unknown as CmsRecords;
    expect(missingAltWarnings(records)).toEqual([
      'articles [sl] a1 ("novica"): field "body" has 2 image(s) without alt text, shown with alt=""',
      'partners [sl] p1 ("partner"): field "description" has 1 image(s) without alt text, shown with alt=""',
    ]);
  });
});

describe('characters XML and iCalendar forbid', () => {
  it('are removed; tab, newline, carriage return and all other text stay', () => {
    expect(withoutControlCharacters('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\ufffeh\uffff')).toBe('abcdefgh');
    expect(withoutControlCharacters('č\tš\nž\r🎉 שלום')).toBe('č\tš\nž\r🎉 שלום');
  });

  it('never reach an RSS item', () => {
    const article = {
      title: 'Naslov\u000b z\u0000 znaki',
      excerpt: 'Povzetek\u0001',
      bodyHtml: '<p>Besedilo\u001f</p>',
      locale: 'sl',
      slug: 'x',
      publishedDate: '2026-01-01',
    };
    const [item] = newsFeedItems([article as unknown as ArticleEntry]);
    expect(item.title).toBe('Naslov z znaki');
    expect(item.description).toBe('Povzetek');
    expect(item.content).toBe('<p>Besedilo</p>');
  });
});
