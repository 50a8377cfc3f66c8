// A changed slug leaves a redirect behind: the history of an entry's paths carries over from
// build to build, every earlier path redirects to the current one, and entries that are gone
// (or paths now used by another page) get no redirect.
import { describe, expect, it } from 'vitest';
import { followMovedPages, parsePathHistory } from '../../site/src/lib/content/moved-pages';

const page = (key: string, path: string) => ({ key, path, locale: 'sl' as const });

describe('followMovedPages', () => {
  it('starts a history on the first build, with no redirects', () => {
    const { history, moved } = followMovedPages([page('article:a:sl', '/novice/a/')], {}, new Set(['/novice/a/']));
    expect(history).toEqual({ 'article:a:sl': ['/novice/a/'] });
    expect(moved).toEqual([]);
  });

  it('redirects every earlier path to the current one, across several renames', () => {
    const previous = { 'article:a:sl': ['/novice/prvi/', '/novice/drugi/'] };
    const { history, moved } = followMovedPages(
      [page('article:a:sl', '/novice/tretji/')],
      previous,
      new Set(['/novice/tretji/']),
    );
    expect(history['article:a:sl']).toEqual(['/novice/prvi/', '/novice/drugi/', '/novice/tretji/']);
    expect(moved.map((m) => [m.from, m.to])).toEqual([
      ['/novice/prvi/', '/novice/tretji/'],
      ['/novice/drugi/', '/novice/tretji/'],
    ]);
  });

  it('forgets entries that are gone, and never redirects a path another page now uses', () => {
    const previous = { 'article:gone:sl': ['/novice/izbrisana/'], 'article:a:sl': ['/novice/staro/', '/novice/b/'] };
    const taken = new Set(['/novice/a/', '/novice/staro/']);
    const { history, moved } = followMovedPages([page('article:a:sl', '/novice/a/')], previous, taken);
    expect(Object.keys(history)).toEqual(['article:a:sl']);
    expect(moved.map((m) => m.from)).toEqual(['/novice/b/']);
  });
});

describe('parsePathHistory', () => {
  it('accepts a map of keys to site paths and refuses anything else, naming the source', () => {
    expect(parsePathHistory('{"article:a:sl":["/novice/a/"]}', 'x.json')).toEqual({ 'article:a:sl': ['/novice/a/'] });
    expect(() => parsePathHistory('{', 'x.json')).toThrow('Path history x.json is not valid JSON');
    expect(() => parsePathHistory('{"k":["https://evil.example/"]}', 'x.json')).toThrow(
      'Path history x.json must map entry keys',
    );
    expect(() => parsePathHistory('{"k":["//evil.example/"]}', 'x.json')).toThrow('must map entry keys');
    expect(() => parsePathHistory('[]', 'x.json')).toThrow('must map entry keys');
  });
});
