/** The rebuild service's one line per build, and the reason it gives for a failure. */
import { describe, expect, it } from 'vitest';
import { buildLogLine, failureReason } from '../../scripts/rebuild/build-log.ts';
import type { BuildRecord } from '../../scripts/rebuild/status.ts';
import { DEFAULT_STRAPI_URL } from '../../site/src/lib/env.ts';

const ASTRO_FAILURE = [
  '/work/main/node_modules/.bin/astro build failed with exit code 1',
  '17:22:43 [build] output: "static"',
  '17:22:44 [vite] ✓ built in 390ms',
  '',
  ' generating static routes ',
  'Strapi query "articles[sl] (page 1)" to http://127.0.0.1:9/graphql failed after 4 attempt(s): fetch failed (ECONNREFUSED)',
  '  Stack trace:',
  '    at request (file:///work/main/site/.astro/chunks/x.mjs:66:56)',
  '  Caused by:',
  '  fetch failed',
].join('\n');

const record = (overrides: Partial<BuildRecord>): BuildRecord => ({
  id: '20261128T100000Z-001',
  reason: 'events',
  attempt: 1,
  triggerEvents: 3,
  startedAt: '2026-11-28T10:00:00.000Z',
  finishedAt: '2026-11-28T10:00:02.500Z',
  durationMs: 2500,
  result: 'succeeded',
  pages: 57,
  note: null,
  mode: null,
  detail: null,
  steps: null,
  error: null,
  ...overrides,
});

describe('failureReason', () => {
  it("finds the sentence that says why in Astro's output", () => {
    expect(failureReason(ASTRO_FAILURE)).toBe(
      'Strapi query "articles[sl] (page 1)" to http://127.0.0.1:9/graphql failed after 4 attempt(s): fetch failed (ECONNREFUSED)',
    );
  });

  it('keeps an error line with a timestamp, and plain messages as they are', () => {
    expect(
      failureReason(
        'astro build failed with exit code 1\n10:00:00 [build] done\n10:00:01 [ERROR] [vite] Could not resolve "x"',
      ),
    ).toBe('10:00:01 [ERROR] [vite] Could not resolve "x"');
    expect(failureReason('deploying failed: exit 2\nmore')).toBe('deploying failed: exit 2');
  });

  it('prefers a line that reads like an error over progress the site prints', () => {
    const message = [
      'astro build failed with exit code 1',
      `[cms] fetched published content from ${DEFAULT_STRAPI_URL}/graphql in 8725 ms, 28 requests`,
      "ENOENT: no such file or directory, open '/work/main/site/.astro/.prerender/chunks/x.mjs'",
    ].join('\n');
    expect(failureReason(message)).toBe(
      "ENOENT: no such file or directory, open '/work/main/site/.astro/.prerender/chunks/x.mjs'",
    );
  });
});

describe('buildLogLine', () => {
  it('names the build, pages, time and cause of a success', () => {
    expect(buildLogLine(record({}), { kind: 'none' }, '20261128T100000Z-001')).toBe(
      'rebuild: build 20261128T100000Z-001 is live: 57 pages in 2.5 s (3 webhook event(s))',
    );
  });

  it('says whether the build was partial, and what it rendered or why it was full', () => {
    const partial = record({ mode: 'partial', detail: '9 pages rendered, 0 removed', durationMs: 180 });
    expect(buildLogLine(partial, { kind: 'none' }, null)).toBe(
      'rebuild: build 20261128T100000Z-001 is live (partial: 9 pages rendered, 0 removed): 57 pages in 0.2 s (3 webhook event(s))',
    );
    const full = record({ mode: 'full', detail: 'a navigation changed: it shows on many pages' });
    expect(buildLogLine(full, { kind: 'none' }, null)).toContain(
      'is live (full: a navigation changed: it shows on many pages): 57 pages',
    );
  });

  it('says what happened when the build runs elsewhere', () => {
    const line = buildLogLine(
      record({ id: null, pages: null, note: 'asked GitHub Actions to build (strapi-publish to zavod/site)' }),
      { kind: 'none' },
      null,
    );
    expect(line).toBe(
      'rebuild: asked GitHub Actions to build (strapi-publish to zavod/site) in 2.5 s (3 webhook event(s))',
    );
  });

  it('says why a build failed, what stays live and what happens next', () => {
    const line = buildLogLine(
      record({ result: 'failed', pages: null, error: ASTRO_FAILURE }),
      { kind: 'retry', attempt: 2, maxAttempts: 4, inMs: 5000 },
      '20261128T090000Z-007',
    );
    expect(line).toBe(
      'rebuild: build 20261128T100000Z-001 FAILED after 2.5 s (3 webhook event(s)): Strapi query "articles[sl] (page 1)" to http://127.0.0.1:9/graphql failed after 4 attempt(s): fetch failed (ECONNREFUSED); ' +
        'the live site stays at 20261128T090000Z-007; retry 2/4 in 5.0 s',
    );
    expect(line).not.toContain('\n');
  });
});
