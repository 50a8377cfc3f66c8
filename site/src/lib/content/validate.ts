/**
 * Content checks that must hold before a page is built. A broken entry fails the build with
 * a message naming the entry and the field, instead of producing an empty or clashing page.
 */
import { LOCALES, SLUG_PATTERN } from '@koper-otok/content-types';
import { isReservedPageSlug } from './routes';
import type { CmsRecords } from '../cms/records';
import { safeLinkUrl } from './links';
import { imagesWithoutAlt } from './markdown';

export class ContentError extends Error {
  override name = 'ContentError';
}

type Named = { documentId: string; slug: string | null };
const LABEL_FIELDS = ['articles:title', 'workshops:title', 'regions:name', 'partners:name', 'pages:title'] as const;

export function validateRecords(records: CmsRecords): void {
  const problems: string[] = [];
  for (const locale of LOCALES) {
    for (const spec of LABEL_FIELDS) {
      const [section, labelField] = spec.split(':') as [keyof CmsRecords['sl'], string];
      const seen = new Map<string, string>();
      for (const entry of records[locale][section] as unknown as (Named & Record<string, unknown>)[]) {
        const where = `${section} [${locale}] ${entry.documentId}`;
        const label = entry[labelField];
        if (typeof label !== 'string' || label.trim() === '') problems.push(`${where}: field "${labelField}" is empty`);
        if (!entry.slug) {
          problems.push(`${where} ("${label}"): field "slug" is empty`);
        } else if (!SLUG_PATTERN.test(entry.slug)) {
          problems.push(
            `${where} ("${label}"): field "slug" is "${entry.slug}", expected lowercase letters, digits and hyphens`,
          );
        } else if (section === 'pages' && isReservedPageSlug(entry.slug)) {
          problems.push(`${where} ("${label}"): field "slug" "${entry.slug}" is the address of a section of the site`);
        } else if (seen.has(entry.slug)) {
          problems.push(`${where} ("${label}"): field "slug" "${entry.slug}" is also used by ${seen.get(entry.slug)}`);
        } else {
          seen.set(entry.slug, entry.documentId);
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new ContentError(
      `The site cannot be built, ${problems.length} content problem(s):\n  - ${problems.join('\n  - ')}`,
    );
  }
}

const LINK_FIELDS = ['workshops:registrationUrl', 'partners:website'] as const;

/**
 * Links that the site leaves out because they are not http(s) or mailto URLs (lib/content/links.ts),
 * one message per entry and field. Not fatal: the page renders without the link, and the build log
 * tells staff what to correct.
 */
export function unsafeLinkWarnings(records: CmsRecords): string[] {
  const warnings: string[] = [];
  for (const locale of LOCALES) {
    for (const spec of LINK_FIELDS) {
      const [section, field] = spec.split(':') as [keyof CmsRecords['sl'], string];
      for (const entry of records[locale][section] as unknown as Record<string, unknown>[]) {
        const value = entry[field];
        if (typeof value === 'string' && value.trim() !== '' && !safeLinkUrl(value)) {
          warnings.push(
            `${section} [${locale}] ${entry.documentId} ("${entry.slug}"): field "${field}" is not an http(s) or mailto URL, so the link is left out: ${JSON.stringify(value.slice(0, 80))}`,
          );
        }
      }
    }
  }
  return warnings;
}

const MARKDOWN_FIELDS = [
  'articles:body',
  'workshops:description',
  'regions:description',
  'partners:description',
  'pages:body',
] as const;

/**
 * Images pasted as HTML without alt text, one message per entry and field. Not fatal: the page
 * shows them with alt="" (screen readers skip them), and the build log tells staff to describe them.
 */
export function missingAltWarnings(records: CmsRecords): string[] {
  const warnings: string[] = [];
  for (const locale of LOCALES) {
    for (const spec of MARKDOWN_FIELDS) {
      const [section, field] = spec.split(':') as [keyof CmsRecords['sl'], string];
      for (const entry of records[locale][section] as unknown as Record<string, unknown>[]) {
        const count = imagesWithoutAlt(entry[field] as string | null);
        if (count > 0) {
          warnings.push(
            `${section} [${locale}] ${entry.documentId} ("${entry.slug}"): field "${field}" has ${count} image(s) without alt text, shown with alt=""`,
          );
        }
      }
    }
  }
  return warnings;
}
