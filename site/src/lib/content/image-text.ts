/**
 * The text of an entry's image in the page's language. Staff describe an image per language in
 * the fields next to it (coverAlt, coverCaption, ...); the media library's alternative text and
 * caption, the same in every language, stand in where they left them empty.
 */
import { imageTextFields, type Media } from '@koper-otok/content-types';

const filled = (text: unknown): string | null => (typeof text === 'string' && text.trim() !== '' ? text.trim() : null);

/** The entry's `field` image with alternativeText and caption of the entry's own language, or null. */
export function localizedImage<F extends string>(
  record: { [K in F]: Media | null } & Partial<Record<`${F}Alt` | `${F}Caption`, string | null>>,
  field: F,
): Media | null {
  const media: Media | null = record[field];
  if (!media) return null;
  const { alt, caption } = imageTextFields(field);
  return {
    ...media,
    alternativeText: filled(record[alt]) ?? filled(media.alternativeText),
    caption: filled(record[caption]) ?? filled(media.caption),
  };
}
