import type { Core } from '@strapi/strapi';
import { apiContentTypeUids } from '../bootstrap/content-types';
import { keepUnguardedFieldsSynchronous } from './graphql-field-resolvers';
import { batchRelationLoads } from './graphql-relation-batching';

/**
 * Every change this project makes to Strapi's internals, listed and installed from here
 * (README.md in this folder says what each changes, why, and which test guards it). They rely on
 * private modules and object shapes of Strapi, so they are written for one Strapi version.
 */

/** The Strapi version the patches were written for and tested against. */
export const PATCHED_STRAPI_VERSION = '5.54.0';

/** Each patch, with the file that holds it (paths from cms/src/). */
export const STRAPI_PATCHES = [
  { name: 'GraphQL plain-field resolvers kept synchronous', file: 'patches/graphql-field-resolvers.ts' },
  { name: 'GraphQL relation loads batched', file: 'patches/graphql-relation-batching.ts' },
  { name: 'SQLite prepared-statement cache', file: 'patches/sqlite-statement-cache.ts' },
  { name: "Public role's ability cached", file: 'patches/users-permissions-strategy.ts' },
  { name: 'Admin language list with Slovenian', file: 'admin/vite.config.ts' },
  { name: 'Media bucket failures answered clearly, nothing half-written', file: 'upload/storage-guard.ts' },
] as const;

/** What the version check needs from Strapi (Core.Strapi has it; tests pass a fake). */
export interface VersionedStrapi {
  config: { get(path: string): unknown };
  log: { warn(message: string): void };
}

/**
 * Logs one warning naming every patch when the running Strapi is not PATCHED_STRAPI_VERSION:
 * a patch may then miss what it hooks (most detect that and say so) or change behaviour silently.
 * Returns whether it warned.
 */
export function warnIfStrapiVersionDiffers(strapi: VersionedStrapi): boolean {
  // Strapi's configuration holds the version of @strapi/core that is running as info.strapi.
  const running = strapi.config.get('info.strapi');
  if (running === PATCHED_STRAPI_VERSION) return false;
  const patches = STRAPI_PATCHES.map(({ name, file }) => `${name} (src/${file})`).join('; ');
  strapi.log.warn(
    `Strapi ${String(running ?? '(unknown version)')} is running, but the patches in cms/src/patches/ were ` +
      `written for Strapi ${PATCHED_STRAPI_VERSION}. Check each one as cms/src/patches/README.md says ` +
      `("When upgrading Strapi"): ${patches}.`,
  );
  return true;
}

/** register(): checks the version and installs what must be in place before the plugins bootstrap. */
export function installPatches(strapi: Core.Strapi): void {
  warnIfStrapiVersionDiffers(strapi);
  // The GraphQL schema is built in the plugin's bootstrap, so wrapResolvers is replaced now.
  if (!keepUnguardedFieldsSynchronous(strapi.dirs.app.root)) {
    strapi.log.warn(
      'GraphQL: this Strapi keeps wrapResolvers elsewhere; every field stays wrapped (slower, same answers).',
    );
  }
  // The others are installed where Strapi looks for them: the SQLite cache by config/database.ts,
  // the Public role cache by src/extensions/users-permissions/strapi-server.ts, the media bucket
  // guard by src/extensions/upload/strapi-server.ts, the admin's language list by
  // src/admin/vite.config.ts (admin build).
}

/** bootstrap(): the patches that need the database's models, which exist only from bootstrap on. */
export function installDatabasePatches(strapi: Core.Strapi): void {
  if (!batchRelationLoads(strapi.db, apiContentTypeUids(strapi))) {
    strapi.log.warn(
      'GraphQL: repositories have no load() in this Strapi; relations load one entry at a time (slower, same answers).',
    );
  }
}
