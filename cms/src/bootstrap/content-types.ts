import type { Core, UID } from '@strapi/strapi';
import { isContentTypeUid } from '../utils/strapi-uids';

/** The UIDs of our own content types (api::...), read from what Strapi loaded. */
export const apiContentTypeUids = (strapi: Core.Strapi): UID.ContentType[] =>
  Object.keys(strapi.contentTypes).filter(
    (uid): uid is UID.ContentType => uid.startsWith('api::') && isContentTypeUid(strapi, uid),
  );
