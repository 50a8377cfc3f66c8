// site/logger/page-progress.mjs: the build log keeps Astro's lines but turns its two fragments per
// generated page into a progress line every 2,000 files. The events below are the ones
// astro/dist/core/build/generate.js writes (with and without colours).
import { afterEach, describe, expect, it } from 'vitest';
import pageProgressDestination from '../../site/logger/page-progress.mjs';

type Event = {
  label: string | null;
  level: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  message: string;
  newLine: boolean;
};

const pageStart = (path: string, colours = false): Event => ({
  label: null,
  level: 'info',
  message: colours ? `  \u001b[34m├─\u001b[39m \u001b[2m${path}\u001b[22m` : `  ├─ ${path}`,
  newLine: false,
});
const pageEnd = (message = ' \u001b[2m(+3ms)\u001b[22m '): Event => ({
  label: 'SKIP_FORMAT',
  level: 'info',
  message,
  newLine: true,
});

function record() {
  const written: Event[] = [];
  return { written, destination: pageProgressDestination({}, { write: (event: Event) => void written.push(event) }) };
}

/** A page fragment is what the destination swallows; every other event passes through. */
function isPageFragment(event: Event): boolean {
  const { written, destination } = record();
  destination.write(event);
  return written.length === 0;
}

afterEach(() => {
  delete process.env.SITE_BUILD_LOG_PAGES;
});

describe('page fragments', () => {
  it('recognises the path and the render time of a page, coloured or not', () => {
    expect(isPageFragment(pageStart('/novice/obnova-taverne/index.html'))).toBe(true);
    expect(isPageFragment(pageStart('/en/news/index.html', true))).toBe(true);
    expect(isPageFragment(pageEnd())).toBe(true);
    expect(isPageFragment(pageEnd(' (+1.02s) '))).toBe(true);
    expect(isPageFragment(pageEnd(' \u001b[32m(cached)\u001b[39m'))).toBe(true);
  });

  it('leaves every other line alone', () => {
    expect(isPageFragment({ label: 'build', level: 'info', message: '✓ Completed in 14.25s.', newLine: true })).toBe(
      false,
    );
    expect(
      isPageFragment({
        label: null,
        level: 'info',
        message: '\u001b[32m✓ Completed in 14.25s.\u001b[39m',
        newLine: true,
      }),
    ).toBe(false);
    expect(
      isPageFragment({ label: 'SKIP_FORMAT', level: 'info', message: ' generating static routes ', newLine: true }),
    ).toBe(false);
    expect(
      isPageFragment({
        label: 'SKIP_FORMAT',
        level: 'info',
        message: ' (+3ms) (file not created, response body was empty)',
        newLine: true,
      }),
    ).toBe(false);
    expect(isPageFragment({ label: 'build', level: 'warn', message: '  ├─ /x/index.html', newLine: false })).toBe(
      false,
    );
  });
});

describe('the build log', () => {
  it('writes a progress line every 2,000 files instead of the page fragments', () => {
    const { written, destination } = record();
    for (let n = 1; n <= 2000 * 2 + 5; n++) {
      destination.write(pageStart(`/novice/primer-${n}/index.html`));
      destination.write(pageEnd());
    }
    expect(written.map((event) => event.message)).toEqual(['2,000 files generated…', '4,000 files generated…']);
    expect(written.every((event) => event.label === 'build' && event.newLine)).toBe(true);
  });

  it('passes warnings, errors and stage lines through unchanged, in order', () => {
    const { written, destination } = record();
    const lines: Event[] = [
      { label: 'build', level: 'info', message: 'Collecting build info...', newLine: true },
      pageStart('/index.html'),
      { label: 'build', level: 'warn', message: 'Unable to generate optimized image for x.jpg', newLine: true },
      pageEnd(),
      { label: null, level: 'error', message: 'Strapi query "articles" failed', newLine: true },
    ];
    for (const line of lines) destination.write(line);
    expect(written).toEqual([lines[0], lines[2], lines[4]]);
  });

  it('shows every page with SITE_BUILD_LOG_PAGES=1', () => {
    process.env.SITE_BUILD_LOG_PAGES = '1';
    const { written, destination } = record();
    destination.write(pageStart('/index.html'));
    destination.write(pageEnd());
    expect(written).toHaveLength(2);
  });
});
