// Every redirect of a build, as one hop: chains collapse, loops and conflicts fail the build
// naming the paths, and the nginx include holds only rules nginx reads the way we mean them.
import { describe, expect, it } from 'vitest';
import {
  collapseRedirects,
  mergeRedirectSources,
  nginxRedirectRules,
  redirectsFileText,
  staffRedirect,
} from '../../site/src/lib/content/redirect-rules';

describe('collapseRedirects', () => {
  it('turns a chain into one hop for every path in it, keeping the order', () => {
    const redirects = [
      { from: '/2017/06/14/delavnica/', to: '/novice/stari-naslov/' },
      { from: '/novice/stari-naslov/', to: '/novice/nov-naslov/' },
      { from: '/a/', to: '/b/' },
      { from: '/b/', to: '/c/' },
      { from: '/c/', to: '/d/' },
    ];
    expect(collapseRedirects(redirects)).toEqual([
      { from: '/2017/06/14/delavnica/', to: '/novice/nov-naslov/' },
      { from: '/novice/stari-naslov/', to: '/novice/nov-naslov/' },
      { from: '/a/', to: '/d/' },
      { from: '/b/', to: '/d/' },
      { from: '/c/', to: '/d/' },
    ]);
  });

  it('follows a chain whatever the spelling: missing slash, percent-encoding', () => {
    const redirects = [
      { from: '/2017/čokolada/', to: '/novice/staro' },
      { from: '/novice/staro/', to: '/novice/%C4%8Dokolada/' },
      { from: '/novice/čokolada/', to: '/novice/' },
    ];
    expect(collapseRedirects(redirects).map((r) => r.to)).toEqual(['/novice/', '/novice/', '/novice/']);
  });

  it('refuses a loop, naming every path in it', () => {
    const loop = [
      { from: '/x/', to: '/a/' },
      { from: '/a/', to: '/b/' },
      { from: '/b/', to: '/a/' },
    ];
    expect(() => collapseRedirects(loop)).toThrow('Redirect loop: /x/ -> /a/ -> /b/ -> /a/');
    expect(() => collapseRedirects([{ from: '/a/', to: '/a' }])).toThrow('Redirect loop: /a/ -> /a');
  });

  it('drops exact duplicates and refuses a path that redirects to two places', () => {
    expect(
      collapseRedirects([
        { from: '/a/', to: '/b/' },
        { from: '/a', to: '/b/' },
      ]),
    ).toEqual([{ from: '/a/', to: '/b/' }]);
    expect(() =>
      collapseRedirects([
        { from: '/a/', to: '/b/' },
        { from: '/a/', to: '/c/' },
      ]),
    ).toThrow('Redirect conflict: /a/ redirects both to /b/ and to /c/');
  });

  it('leaves a list without chains as it is', () => {
    const redirects = [
      { from: '/a/', to: '/novice/' },
      { from: '/b/', to: '/novice/' },
    ];
    expect(collapseRedirects(redirects)).toEqual(redirects);
  });
});

describe('redirects staff set in the CMS', () => {
  const staff = [
    staffRedirect({ documentId: 'a', from: '/2017/uvoz/', to: '/delavnice/', kind: 'permanent', origin: 'staff' }),
    staffRedirect({ documentId: 'b', from: '/akcija/', to: '/novice/staro/', kind: 'temporary', origin: 'staff' }),
  ];

  it('win over the import map and the path history for the same old path, in any spelling', () => {
    const imported = [
      { from: '/2017/uvoz', to: '/novice/' },
      { from: '/2017/drugo/', to: '/novice/' },
    ];
    const moved = [{ from: '/novice/staro/', to: '/novice/novo/' }];
    expect(mergeRedirectSources(staff, [...imported, ...moved])).toEqual([
      { from: '/2017/uvoz/', to: '/delavnice/' },
      { from: '/akcija/', to: '/novice/novo/', status: 302 },
      { from: '/2017/drugo/', to: '/novice/' },
      { from: '/novice/staro/', to: '/novice/novo/' },
    ]);
  });

  it('still refuse a conflict inside one list', () => {
    expect(() =>
      mergeRedirectSources(
        [],
        [
          { from: '/a/', to: '/b/' },
          { from: '/a/', to: '/c/' },
        ],
      ),
    ).toThrow('Redirect conflict: /a/ redirects both to /b/ and to /c/');
  });

  it('keep a chain temporary when any hop is, and leave a full URL as the end of a chain', () => {
    expect(
      collapseRedirects([
        { from: '/a/', to: '/b/' },
        { from: '/b/', to: 'https://www.koper.si/', status: 302 },
      ]),
    ).toEqual([
      { from: '/a/', to: 'https://www.koper.si/', status: 302 },
      { from: '/b/', to: 'https://www.koper.si/', status: 302 },
    ]);
  });

  it('are written with their status, 302 for a temporary one, to _redirects and the nginx include', () => {
    const redirects = [
      { from: '/akcija/', to: '/delavnice/', status: 302 as const },
      { from: '/partner/', to: 'https://www.koper.si/o-občini/' },
    ];
    expect(redirectsFileText(redirects)).toBe(
      '/akcija/ /delavnice/ 302\n/partner/ https://www.koper.si/o-ob%C4%8Dini/ 301\n',
    );
    const { text, skipped } = nginxRedirectRules(redirects);
    expect(skipped).toEqual([]);
    expect(text.split('\n').filter((line) => line.startsWith('location'))).toEqual([
      'location = "/akcija/" { return 302 "/delavnice/"; }',
      'location = "/partner/" { return 301 "https://www.koper.si/o-ob%C4%8Dini/"; }',
    ]);
  });
});

describe('redirectsFileText', () => {
  it('writes one percent-encoded "from to 301" a line', () => {
    expect(redirectsFileText([{ from: '/2017/čokolada/', to: '/novice/' }])).toBe(
      '/2017/%C4%8Dokolada/ /novice/ 301\n',
    );
  });
});

describe('nginxRedirectRules', () => {
  it('matches the decoded path exactly and answers with the percent-encoded target', () => {
    const { text, skipped } = nginxRedirectRules([
      { from: '/2017/06/14/delavnica/', to: '/novice/nov-naslov/' },
      { from: '/2017/%C4%8Dokolada/', to: '/novice/čokolada/' },
    ]);
    expect(skipped).toEqual([]);
    expect(text.split('\n').filter((line) => line.startsWith('location'))).toEqual([
      'location = "/2017/06/14/delavnica/" { return 301 "/novice/nov-naslov/"; }',
      'location = "/2017/čokolada/" { return 301 "/novice/%C4%8Dokolada/"; }',
    ]);
  });

  it('writes a comment alone when there is nothing to redirect, so the include always exists', () => {
    const { text } = nginxRedirectRules([]);
    expect(text).toMatch(/^# Generated .*\n$/);
  });

  it('skips, with a reason, what would break the quoting or never match', () => {
    const unsafe = [
      { from: '/a"b/', to: '/novice/' },
      { from: '/a\\b/', to: '/novice/' },
      { from: '/cena-$5/', to: '/novice/' },
      { from: '/a/', to: '/novice/$host/' },
      { from: '/vrstica%0A/', to: '/novice/' },
      { from: '/?p=123', to: '/novice/' },
      { from: '/a/../b/', to: '/novice/' },
      { from: '/a//b/', to: '/novice/' },
      { from: '/slabo-%E0%A4%A/', to: '/novice/' },
      { from: '/drugam/', to: '//evil.example/' },
    ];
    const { text, skipped } = nginxRedirectRules(unsafe);
    expect(skipped.map((s) => s.redirect)).toEqual(unsafe);
    for (const { reason } of skipped) expect(reason).not.toBe('');
    expect(text).not.toContain('location');
  });
});
