/**
 * Editorial validation of the four content types (register() step): the rules of rules.ts on
 * every Document Service write, and the admin's slug proposals made with the project's slug rule.
 */
import type { Core } from '@strapi/strapi';
import { validateDocuments } from './document-middleware';
import { useProjectSlugsInAdmin } from './uid-generation';

export function registerEditorialValidation(strapi: Core.Strapi): void {
  strapi.documents.use(validateDocuments(strapi));
  useProjectSlugsInAdmin(strapi);
}
