// cms/src/middlewares/conditional-get.ts: when Strapi answers 304 Not Modified.
import { describe, expect, it } from 'vitest';
import { isNotModified } from '../../cms/src/middlewares/conditional-get';

const lastModified = 'Sun, 29 Nov 2026 06:26:44 GMT';

describe('isNotModified', () => {
  it('is true when the file is not newer than the copy the client holds', () => {
    expect(isNotModified('GET', 200, { ifModifiedSince: lastModified }, { lastModified })).toBe(true);
    expect(isNotModified('HEAD', 200, { ifModifiedSince: 'Mon, 30 Nov 2026 00:00:00 GMT' }, { lastModified })).toBe(
      true,
    );
  });

  it('is false when the file changed since, or the dates cannot be read', () => {
    expect(isNotModified('GET', 200, { ifModifiedSince: 'Sun, 29 Nov 2026 06:26:43 GMT' }, { lastModified })).toBe(
      false,
    );
    expect(isNotModified('GET', 200, { ifModifiedSince: 'yesterday' }, { lastModified })).toBe(false);
    expect(isNotModified('GET', 200, { ifModifiedSince: lastModified }, { lastModified: 'garbage' })).toBe(false);
  });

  it('needs a validator on the answer and a condition on the request', () => {
    expect(isNotModified('GET', 200, { ifModifiedSince: lastModified }, {})).toBe(false);
    expect(isNotModified('GET', 200, {}, { lastModified })).toBe(false);
  });

  it('leaves other methods and unsuccessful answers alone', () => {
    expect(isNotModified('POST', 200, { ifModifiedSince: lastModified }, { lastModified })).toBe(false);
    expect(isNotModified('GET', 404, { ifModifiedSince: lastModified }, { lastModified })).toBe(false);
    expect(isNotModified('GET', 304, { ifModifiedSince: lastModified }, { lastModified })).toBe(false);
  });

  it('compares entity tags first, weak or strong, and then ignores the date', () => {
    expect(isNotModified('GET', 200, { ifNoneMatch: '"a", W/"b"' }, { etag: '"b"' })).toBe(true);
    expect(isNotModified('GET', 200, { ifNoneMatch: '*' }, { etag: '"b"' })).toBe(true);
    expect(
      isNotModified('GET', 200, { ifNoneMatch: '"a"', ifModifiedSince: lastModified }, { etag: '"b"', lastModified }),
    ).toBe(false);
    expect(isNotModified('GET', 200, { ifNoneMatch: '"a"' }, { lastModified })).toBe(false);
  });
});
