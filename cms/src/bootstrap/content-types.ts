import type { Core, UID } from '@strapi/strapi';
import { isContentTypeUid } from '../utils/strapi-uids';

/** The UIDs of our own content types (api::...), read from what Strapi loaded. */
export const apiContentTypeUids = (strapi: Core.Strapi): UID.ContentType[] =>
  Object.keys(strapi.contentTypes).filter(
    (uid): uid is UID.ContentType => uid.startsWith('api::') && isContentTypeUid(strapi, uid),
  );

/** Types whose entries are visitors' personal data (registrations): only their own routes reach them. */
export const PRIVATE_CONTENT_TYPE_UIDS: ReadonlySet<string> = new Set(['api::registration.registration']);

/** Our content types that make the site: public read, GraphQL, the site export, the Editor role. */
export const siteContentTypeUids = (strapi: Core.Strapi): UID.ContentType[] =>
  apiContentTypeUids(strapi).filter((uid) => !PRIVATE_CONTENT_TYPE_UIDS.has(uid));
