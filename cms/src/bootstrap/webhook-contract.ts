/**
 * What Strapi's rebuild webhook promises the rebuild service (scripts/rebuild/), in one place
 * that both sides import, so the events, the header and the secret rule cannot drift apart.
 */

export const REBUILD_SECRET_HEADER = 'X-Rebuild-Secret';

/** A shorter shared secret is refused on both sides: it could be guessed. */
export const MIN_SECRET_LENGTH = 32;

// What changes the published site. entry.create and entry.update only touch drafts (publishing
// fires entry.update then entry.publish), so sending them would only add noise.
export const REBUILD_EVENTS = [
  'entry.publish',
  'entry.unpublish',
  'entry.delete',
  'media.create',
  'media.update',
  'media.delete',
] as const;

export type RebuildEvent = (typeof REBUILD_EVENTS)[number];
