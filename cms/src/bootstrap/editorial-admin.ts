import type { Core } from '@strapi/strapi';
import { ensureContentManagerLayouts } from './content-manager-layout';
import { ensureEditorRole } from './editor-role';
import { ensureDemoEditor } from './demo-editor';

/**
 * The staff's side of the admin: validation of the four content types (register step,
 * see src/validation/) and, at bootstrap, the Content Manager's Slovenian labels and list views,
 * the Editor role and the demo editor account.
 */
export { registerEditorialValidation as registerEditorialRules } from '../validation';

export async function ensureEditorialAdmin(strapi: Core.Strapi): Promise<void> {
  await ensureContentManagerLayouts(strapi);
  await ensureEditorRole(strapi);
  await ensureDemoEditor(strapi);
}
