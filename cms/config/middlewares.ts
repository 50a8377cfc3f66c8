import { CSP_DEFAULTS } from '@strapi/utils';
import { mediaOrigin } from '../src/upload/provider-config';

/** Strapi's security headers; with media in a bucket its origin may show images and video in the admin (thumbnails). */
function security(origin = mediaOrigin()) {
  if (!origin) return 'strapi::security';
  // Strapi fills missing list entries from its defaults by position, so each list starts with all of them.
  const directives = {
    'img-src': [...CSP_DEFAULTS['img-src'], origin],
    'media-src': [...CSP_DEFAULTS['media-src'], origin],
  };
  return { name: 'strapi::security', config: { contentSecurityPolicy: { useDefaults: true, directives } } };
}

export default [
  'strapi::logger',
  'strapi::errors',
  // 503 with a message for the editor when the media bucket fails (src/middlewares/storage-errors.ts).
  'global::storage-errors',
  security(),
  'strapi::cors',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  // 304 for unchanged uploads and public files (src/middlewares/conditional-get.ts): the site
  // build then reuses its optimised images instead of re-encoding them on every publish.
  'global::conditional-get',
  'strapi::public',
];
