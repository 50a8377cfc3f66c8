/**
 * Boxes that text or images stick out of, in a page open in Chromium: a long word in a card
 * title, an image wider than its column. The page may still not scroll sideways (a card can
 * overflow into its neighbour), so each box is measured, not only the document.
 */
import type { Page } from 'playwright-core';

/**
 * Every element whose content is wider than the element itself (scrollWidth > clientWidth) and
 * shows the excess, plus the document when it is wider than the viewport. Boxes that scroll or
 * clip (overflow other than visible) are allowed to: a wide table or code block scrolls in place.
 */
export function overflowingBoxes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) found.push(`the page is ${root.scrollWidth} px wide`);
    for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      if (!(element instanceof HTMLElement) || element.clientWidth === 0) continue;
      const style = getComputedStyle(element);
      if (style.overflowX !== 'visible' || style.display === 'inline') continue;
      if (element.scrollWidth > element.clientWidth + 1) {
        const name = `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).trim().replace(/\s+/g, '.')}` : ''}`;
        const text = (element.textContent ?? '').trim().slice(0, 40);
        found.push(`${name} is ${element.scrollWidth} px wide inside ${element.clientWidth} px: "${text}"`);
      }
    }
    return found;
  });
}
