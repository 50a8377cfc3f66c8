/**
 * Revisions (register() step): every save of a public content type keeps a version per locale
 * (recorder.ts, into store.ts's table), the admin lists, compares (diff.ts) and restores them
 * (restore.ts) over http.ts, with permissions of their own (permissions.ts). The edit view's
 * side panel is in cms/src/admin/revisions/.
 */
import type { Core } from '@strapi/strapi';
import { registerRevisionRoutes } from './http';
import { registerRevisionActions } from './permissions';
import { recordRevisions } from './recorder';
import { createRevisionStore, registerRevisionModel } from './store';

export async function registerRevisions(strapi: Core.Strapi): Promise<void> {
  registerRevisionModel(strapi);
  await registerRevisionActions(strapi);
  const store = createRevisionStore(strapi);
  strapi.documents.use(recordRevisions(strapi, store));
  registerRevisionRoutes(strapi, store);
}
