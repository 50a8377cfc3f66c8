import type { Core } from '@strapi/strapi';

/** The UIDs of our own content types (api::...), read from what Strapi loaded. */
export const apiContentTypeUids = (strapi: Core.Strapi): string[] =>
  Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('api::'));
