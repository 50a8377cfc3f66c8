import type { Core, UID } from '@strapi/strapi';

/**
 * Strapi's types name content types by literal UIDs, listed in generated types that this project
 * does not use (its model lives in content-types/). UIDs our code reads at run time (from a
 * document middleware's context, a relation's target, Strapi's list of content types) are plain
 * strings; these checks make them Strapi's UID type by asking Strapi whether it has loaded them.
 */

export function isContentTypeUid(strapi: Core.Strapi, uid: string): uid is UID.ContentType {
  return Object.hasOwn(strapi.contentTypes, uid);
}

/** The UID as Strapi's type; throws, naming it, when Strapi has no such content type. */
export function contentTypeUid(strapi: Core.Strapi, uid: string): UID.ContentType {
  if (!isContentTypeUid(strapi, uid)) throw new Error(`Strapi has no content type ${uid}`);
  return uid;
}
