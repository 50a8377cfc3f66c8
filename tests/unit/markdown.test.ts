// site/src/lib/content/markdown.ts: renderMarkdown/sanitize keep benign formatting (headings
// from h2, lists, links, https images, GFM tables, code with a language class, emphasis) and
// neutralise hostile HTML: scripts, embeds, forms, event handlers, styles, dangerous URLs.
import { describe, expect, it } from 'vitest';
import { imagesWithoutAlt, renderMarkdown } from '../../site/src/lib/content/markdown';
import { textOf } from '../../site/src/lib/content/text';

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

  it('renders GFM tables, aligning cells by class (align is obsolete in HTML)', () => {
    const html = renderMarkdown('| Kraj | Leto |\n|---|:-:|\n| Koper | 2017 |');
    expect(html).toContain('<table>');
    expect(html).toContain('<th>Kraj</th>');
    expect(html).toContain('<th class="align-center">Leto</th>');
    expect(html).toContain('<td>Koper</td>');
    expect(html).toContain('<td class="align-center">2017</td>');
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

// The W3C checker runs over whole built pages in tests/integration/hostile-content.test.ts; these
// pin each repair on its own, with the output a browser would build from the pasted markup.
describe('renderMarkdown: valid HTML whatever is pasted', () => {
  it.each([
    [
      'moves a list out of a paragraph',
      '<p>before<ul><li>item</li></ul>after</p>',
      '<p>before</p><ul><li>item</li></ul>after',
    ],
    ['splits a heading around a rule', '<h2>a<hr>b</h2>', '<h2>a</h2><hr /><h2>b</h2>'],
    ['takes a paragraph out of inline markup', '<strong><p>x</p></strong>', '<p>x</p>\n'],
    [
      'unnests a link inside a link',
      '<a href="/a">outer <a href="/b">inner</a> tail</a>',
      '<p><a href="/a">outer </a><a href="/b">inner</a> tail</p>\n',
    ],
    ['puts list items outside a list into one', '<li>one</li><li>two</li>', '<ul><li>one</li><li>two</li></ul>'],
    [
      'wraps loose list content in an item',
      '<ul>text<li>a</li><p>p</p></ul>',
      '<ul><li>text</li><li>a</li><li><p>p</p></li></ul>',
    ],
    [
      'pairs terms and descriptions',
      '<dl><dd>d</dd><dt>t1</dt><dt>t2</dt>loose</dl>',
      '<dl><dt></dt><dd>d</dd><dt>t1</dt><dd></dd><dt>t2</dt><dd>loose</dd></dl>',
    ],
    [
      'puts terms outside a description list into one',
      '<dt>term</dt><dd>def</dd>',
      '<dl><dt>term</dt><dd>def</dd></dl>',
    ],
    [
      'places stray table content before the table and rows into a body',
      '<table>stray<p>para</p><tr><td>a</td></tr><td>b</td><caption>c</caption></table>',
      'stray<p>para</p><table><caption>c</caption><tbody><tr><td>a</td></tr><tr><td>b</td></tr></tbody></table>',
    ],
    ['builds a table around a lone cell', '<td>cell</td>', '<table><tbody><tr><td>cell</td></tr></tbody></table>'],
    [
      'puts text inside a row into a cell',
      '<table><tbody><tr>text<td>a</td></tr></tbody></table>',
      '<table><tbody><tr><td>text</td><td>a</td></tr></tbody></table>',
    ],
    [
      'orders head, bodies and foot, one head',
      '<table><tfoot><tr><td>f</td></tr></tfoot><thead><tr><th>h</th></tr></thead><thead><tr><th>h2</th></tr></thead></table>',
      '<table><thead><tr><th>h</th></tr></thead><tbody><tr><th>h2</th></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>',
    ],
    [
      'gives an empty row a cell',
      '<table><tr></tr><tr><td>a</td></tr></table>',
      '<table><tbody><tr><td></td></tr><tr><td>a</td></tr></tbody></table>',
    ],
    [
      'ends a row span with its row group',
      '<table><tr><td rowspan="5">a</td></tr><tr><td>b</td></tr></table>',
      '<table><tbody><tr><td rowspan="2">a</td></tr><tr><td>b</td></tr></tbody></table>',
    ],
    [
      'drops columns only a colspan makes',
      '<table><tr><td colspan="3">a</td></tr></table>',
      '<table><tbody><tr><td>a</td></tr></tbody></table>',
    ],
    [
      'keeps a colspan over real columns',
      '<table><tr><td colspan="2">a</td></tr><tr><td>b</td><td>c</td></tr></table>',
      '<table><tbody><tr><td colspan="2">a</td></tr><tr><td>b</td><td>c</td></tr></tbody></table>',
    ],
    [
      'turns a heading in a header cell into a paragraph',
      '<table><tr><th><h2>h</h2></th></tr></table>',
      '<table><tbody><tr><th><p>h</p></th></tr></tbody></table>',
    ],
    [
      'flattens a table inside a caption',
      '<table><caption><table><tr><td>x</td></tr></table></caption><tr><td>y</td></tr></table>',
      '<table><caption>x</caption><tbody><tr><td>y</td></tr></tbody></table>',
    ],
    [
      'keeps one figure caption, first or last',
      '<figure><figcaption>one</figcaption><img src="https://e.test/a.png" alt=""><figcaption>two</figcaption></figure>',
      '<figure><figcaption>one</figcaption><img src="https://e.test/a.png" alt="" loading="lazy" decoding="async" />two</figure>',
    ],
    ['unwraps a caption outside a figure', '<figcaption>cap</figcaption>', 'cap'],
    ['drops an empty paragraph', '<p></p><p> </p>', ''],
    [
      'drops control characters from text and attributes',
      'a\u0001b\u000bc\ufffe <a href="/x" title="t\u0002">l</a>',
      '<p>abc <a href="/x" title="t">l</a></p>\n',
    ],
    [
      'drops invalid image sizes',
      '<img src="https://e.test/a.png" alt="a" width="abc" height="12">',
      '<img src="https://e.test/a.png" alt="a" height="12" loading="lazy" decoding="async" />',
    ],
    [
      'drops invalid cell spans and scopes',
      '<table><tr><td colspan="x">a</td><th scope="bogus">b</th></tr></table>',
      '<table><tbody><tr><td>a</td><th>b</th></tr></tbody></table>',
    ],
    [
      'drops an invalid list start',
      '<ol start="x"><li>a</li></ol><ol start="-2"><li>b</li></ol>',
      '<ol><li>a</li></ol><ol start="-2"><li>b</li></ol>',
    ],
    [
      'escapes link characters and drops unknown rel and target values',
      '<a href="/a b<c>" target="_evil" rel="foo nofollow">x</a>',
      '<p><a href="/a%20b%3Cc%3E" rel="nofollow">x</a></p>\n',
    ],
    [
      'keeps a link whose URL cannot be parsed as text',
      '<a href="https://exa mple.com" target="_blank">y</a>',
      '<p><a>y</a></p>\n',
    ],
  ])('%s', (_, input, expected) => {
    expect(renderMarkdown(input)).toBe(expected);
  });

  it('drops images without a usable http(s) source and gives alt="" to those without alt', () => {
    const html = renderMarkdown(
      '<img alt="x"><img src="" alt="y"><img src="/rel.png" alt="z"><img src="https://e.test/ok.png">',
    );
    expect(html).toBe('<p><img src="https://e.test/ok.png" loading="lazy" decoding="async" alt="" /></p>\n');
  });

  it('counts the images that had no alt, for the build log', () => {
    expect(
      imagesWithoutAlt(
        '<img src="https://e.test/a.png"> <IMG SRC="https://e.test/b.png" alt="b"> <img src="https://e.test/c.png">',
      ),
    ).toBe(2);
    expect(imagesWithoutAlt('![](https://e.test/a.png) <img src="x">')).toBe(0); // markdown writes alt; x is dropped
    expect(imagesWithoutAlt(null)).toBe(0);
  });

  it('flattens markup nested deeper than browsers keep', () => {
    const html = renderMarkdown(`${'<blockquote>'.repeat(300)}deep${'</blockquote>'.repeat(300)}`);
    expect(html.match(/<blockquote>/g)?.length).toBeLessThanOrEqual(64);
    expect(html).toContain('deep');
  });

  it('gives a long word a break opportunity every 40 characters, except in preformatted text', () => {
    const word = `Kopr${'s'.repeat(96)}`; // 100 characters
    expect(renderMarkdown(`See ${word} & more`)).toBe(
      `<p>See ${word.slice(0, 40)}<wbr />${word.slice(40, 80)}<wbr />${word.slice(80)} &amp; more</p>\n`,
    );
    expect(renderMarkdown(`<pre>${'b'.repeat(100)}</pre>`)).toBe(`<pre>${'b'.repeat(100)}</pre>`);
    expect(renderMarkdown(`${'&'.repeat(41)}`)).toBe(`<p>${'&amp;'.repeat(40)}<wbr />&amp;</p>\n`);
    expect(textOf(renderMarkdown(`See ${word}`), 500)).toBe(`See ${word}`); // meta descriptions keep the word whole
  });

  it('keeps a newline that starts preformatted text', () => {
    expect(renderMarkdown('<pre>\nx</pre>')).toBe('<pre>\n\nx</pre>');
  });
});
