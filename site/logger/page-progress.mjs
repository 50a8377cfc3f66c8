// @ts-check
/**
 * The build's console log (Astro 7's `logger` option): Astro's own output (astro/logger/node),
 * except that the two fragments Astro writes for every generated page ("├─ /novice/x/index.html"
 * and "(+3ms)") become one progress line every PROGRESS_EVERY pages.
 *
 * Why: a large build writes tens of thousands of such fragments, interleaved out of order by the
 * pages in flight; they bury warnings, fill the rebuild service's log and slow the build (two
 * synchronous writes per page). Warnings, errors and Astro's stage lines pass unchanged.
 * SITE_BUILD_LOG_PAGES=1 brings back the line per page.
 *
 * A JavaScript file: Astro imports the entrypoint natively, without Vite.
 */
import nodeDestination from 'astro/logger/node';

const PROGRESS_EVERY = 2000;

// Astro colours its output when the terminal supports it; match the text between the codes.
// eslint-disable-next-line no-control-regex -- colour codes start with the ESC control character
const ANSI = /\u001b\[[0-9;]*m/g;
const plain = (/** @type {string} */ text) => text.replace(ANSI, '');
const PAGE_START = /^\s*├─ \S/;
const PAGE_END = /^\s*\((?:\+[\d.]+m?s|cached|restored)\)\s*$/;

/**
 * True for the fragments Astro logs per generated page: the path (label null, no newline) and,
 * once the page is written, its render time or cache state (label SKIP_FORMAT).
 * @param {import('astro').AstroLoggerMessage} event
 */
function isPageFragment(event) {
  if (event.level !== 'info') return false;
  if (event.label === null) return !event.newLine && PAGE_START.test(plain(event.message));
  return event.label === 'SKIP_FORMAT' && PAGE_END.test(plain(event.message));
}

/**
 * @param {Record<string, unknown>} [config] passed on to Astro's node logger (e.g. its level)
 * @param {{ write(event: import('astro').AstroLoggerMessage): void }} [inner] where lines go
 */
export default function pageProgressDestination(config = {}, inner = nodeDestination(config)) {
  const everyPage = process.env.SITE_BUILD_LOG_PAGES === '1';
  let pages = 0;
  return {
    /** @param {import('astro').AstroLoggerMessage} event */
    write(event) {
      if (everyPage || !isPageFragment(event)) return inner.write(event);
      if (event.label !== null) return;
      pages += 1;
      if (pages % PROGRESS_EVERY === 0) {
        inner.write({
          label: 'build',
          level: 'info',
          message: `${pages.toLocaleString('en')} files generated…`,
          newLine: true,
        });
      }
    },
  };
}
