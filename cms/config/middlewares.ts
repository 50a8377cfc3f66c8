export default [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
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
