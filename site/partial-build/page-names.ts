/**
 * Astro's list of the pages a build wrote ("novice/x/", "" for the home page), as its
 * build-done step hands it to integrations (the sitemap reads it, and sorts it), after a
 * partial rebuild: the pages of the old model out, those of the new one in, the rest (the
 * 404 page) kept.
 */
import type { Page } from '../src/lib/content/pages';

const pageName = (path: string) => path.replace(/^\//, '');

export function pageNamesAfter(names: readonly string[], before: readonly Page[], after: readonly Page[]): string[] {
  const modelled = new Set(before.map((page) => pageName(page.path)));
  return [...names.filter((name) => !modelled.has(name)), ...after.map((page) => pageName(page.path))];
}
