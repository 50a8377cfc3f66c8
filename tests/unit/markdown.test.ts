// site/src/lib/content/markdown.ts: renderMarkdown/sanitize keep benign formatting (headings
// from h2, lists, links, https images, GFM tables, code with a language class, emphasis) and
// neutralise hostile HTML: scripts, embeds, forms, event handlers, styles, dangerous URLs.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../site/src/lib/content/markdown';

/** What must never appear in sanitised output, whatever the input. */
function expectHarmless(html: string): void {
  expect(html).not.toMatch(/<\s*script/i);
  expect(html).not.toMatch(/<\s*style/i);
  expect(html).not.toMatch(/<\s*(iframe|object|embed|form|input|svg|math|base|meta|link)\b/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
  expect(html).not.toMatch(/(java|vb)script:/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"\s*data:/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*"\s*\/\//i);
}

describe('renderMarkdown: benign content', () => {
  it("returns '' for null, undefined and ''", () => {
    expect(renderMarkdown(null)).toBe('');
    expect(renderMarkdown(undefined)).toBe('');
    expect(renderMarkdown('')).toBe('');
  });

  it('renders paragraphs and emphasis', () => {
    const html = renderMarkdown('Hello *there* and **bold** and ~~gone~~ and `code`.');
    expect(html).toContain('<p>');
    expect(html).toContain('<em>there</em>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<code>code</code>');
  });

  it('keeps h2 and h3 and turns a body h1 into h2', () => {
    const html = renderMarkdown('# Title\n\n## Section\n\n### Subsection');
    expect(html).not.toMatch(/<h1/i);
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<h2>Section</h2>');
    expect(html).toContain('<h3>Subsection</h3>');
    expect(renderMarkdown('<h1>Raw</h1>')).toBe('<h2>Raw</h2>');
  });

  it('renders ordered and unordered lists', () => {
    const html = renderMarkdown('- one\n- two\n\n3. three\n4. four');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol start="3">\s*<li>three<\/li>/);
  });

  it('keeps internal, mailto and tel links', () => {
    const html = renderMarkdown('[a](/novice/x/) [b](mailto:info@example.si) [c](tel:+38656000000)');
    expect(html).toContain('<a href="/novice/x/">a</a>');
    expect(html).toContain('<a href="mailto:info@example.si">b</a>');
    expect(html).toContain('<a href="tel:+38656000000">c</a>');
  });

  it('adds rel="noopener noreferrer" to external http(s) links only', () => {
    const html = renderMarkdown('[s](https://example.com/a) [p](http://example.com/b) [i](/novice/)');
    expect(html).toContain('<a href="https://example.com/a" rel="noopener noreferrer">s</a>');
    expect(html).toContain('<a href="http://example.com/b" rel="noopener noreferrer">p</a>');
    expect(html).toContain('<a href="/novice/">i</a>');
  });

  it('replaces an author-supplied rel on external links', () => {
    const html = renderMarkdown('<a href="https://example.com" rel="opener" target="_blank">x</a>');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).not.toContain('rel="opener"');
    expect(html).toContain('target="_blank"');
  });

  it('keeps https images with alt text, lazily loaded', () => {
    const html = renderMarkdown('![Koper](https://example.com/koper.jpg "Old town")');
    expect(html).toMatch(/<img [^>]*src="https:\/\/example\.com\/koper\.jpg"/);
    expect(html).toMatch(/<img [^>]*alt="Koper"/);
    expect(html).toMatch(/<img [^>]*title="Old town"/);
    expect(html).toMatch(/<img [^>]*loading="lazy"/);
  });

  it('renders GFM tables with alignment', () => {
    const html = renderMarkdown('| Kraj | Leto |\n|---|:-:|\n| Koper | 2017 |');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>Kraj</th>');
    expect(html).toContain('<th align="center">Leto</th>');
    expect(html).toContain('<td>Koper</td>');
    expect(html).toContain('<td align="center">2017</td>');
  });

  it('renders fenced code with its language class and escapes the code', () => {
    const html = renderMarkdown('```ts\nconst a = 1 < 2 && "<b>";\n```');
    expect(html).toContain('<pre><code class="language-ts">');
    expect(html).toContain('const a = 1 &lt; 2 &amp;&amp; "&lt;b&gt;";');
    expect(html).not.toContain('<b>');
  });

  it('drops classes other than language-* on code', () => {
    expect(renderMarkdown('<code class="evil language-js">x</code>')).toBe(
      '<p><code class="language-js">x</code></p>\n',
    );
    expect(renderMarkdown('<p class="x">y</p>')).toBe('<p>y</p>');
  });

  it('renders blockquotes and horizontal rules', () => {
    const html = renderMarkdown('> citat\n\n---');
    expect(html).toMatch(/<blockquote>\s*<p>citat<\/p>\s*<\/blockquote>/);
    expect(html).toMatch(/<hr\s*\/?>/);
  });
});

describe('renderMarkdown: hostile content', () => {
  it.each([
    ['script', '<script>alert(1)</script>'],
    ['script, upper case', '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>'],
    ['nested script', '<scr<script>ipt>alert(1)</script>'],
    ['style', '<style>body{display:none}</style>'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['object', '<object data="https://evil.example/x.swf"></object>'],
    ['embed', '<embed src="https://evil.example/x.swf">'],
    ['form', '<form action="https://evil.example"><input name="p"><button>Go</button></form>'],
    ['svg with script', '<svg><script>alert(1)</script></svg>'],
    ['svg onload', '<svg onload="alert(1)"><circle r="1"/></svg>'],
    ['math with script', '<math><mtext><script>alert(2)</script></mtext></math>'],
    [
      'base and meta',
      '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
    ],
  ])('removes %s', (_, input) => {
    const html = renderMarkdown(input);
    expectHarmless(html);
    expect(html).not.toContain('alert(');
  });

  it('removes event-handler attributes but keeps the element', () => {
    const html = renderMarkdown(
      '<img src="https://example.com/a.png" onerror="alert(1)">\n\n<p onclick="steal()">text</p>',
    );
    expectHarmless(html);
    expect(html).not.toContain('onerror');
    expect(html).not.toContain('onclick');
    expect(html).toContain('src="https://example.com/a.png"');
    expect(html).toContain('<p>text</p>');
  });

  it('removes style attributes', () => {
    const html = renderMarkdown('<p style="position:fixed;top:0">x</p><a href="/a" style="color:red">y</a>');
    expect(html).toBe('<p>x</p><a href="/a">y</a>');
  });

  it.each([
    ['javascript:', '[x](javascript:alert(1))'],
    ['mixed-case JaVaScRiPt:', '[x](JaVaScRiPt:alert(1))'],
    ['vbscript:', '[x](vbscript:msgbox(1))'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['raw javascript:', '<a href="javascript:alert(1)">x</a>'],
    ['tab entity inside javascript:', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ['decimal entity javascript:', '<a href="&#106;avascript:alert(1)">x</a>'],
    ['newline entity inside javascript:', '<a href="java&#x0A;script:alert(1)">x</a>'],
    ['leading space javascript:', '<a href=" javascript:alert(1)">x</a>'],
    ['protocol-relative //', '<a href="//evil.example/x">x</a>'],
  ])('drops a %s link target', (_, input) => {
    const html = renderMarkdown(input);
    expectHarmless(html);
    expect(html).not.toMatch(/href=/i);
    expect(html).toContain('x');
  });

  it('drops data: and javascript: image sources', () => {
    const html = renderMarkdown(
      '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="a">\n\n![b](data:image/png;base64,AAAA)\n\n<img src="javascript:alert(1)">',
    );
    expectHarmless(html);
    expect(html).not.toMatch(/src=/i);
  });

  it('drops non-http image sources even when http links are allowed', () => {
    expect(renderMarkdown('<img src="mailto:a@b.c">')).not.toContain('src=');
    expect(renderMarkdown('<img src="//evil.example/a.png">')).not.toContain('src=');
  });

  it('escapes stray angle brackets in text', () => {
    const html = renderMarkdown('1 < 2 & 3 > 2');
    expect(html).toBe('<p>1 &lt; 2 &amp; 3 &gt; 2</p>\n');
  });

  it('survives attribute-breaking quotes', () => {
    const html = renderMarkdown('[x](https://example.com/"onmouseover="alert(1))');
    expectHarmless(html);
    expect(html).not.toMatch(/"\s*onmouseover/i);
  });
});
