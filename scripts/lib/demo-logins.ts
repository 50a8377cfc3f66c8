/**
 * The local demo's two logins, read from cms/data/demo-admin.json (the file the CMS seeds the
 * accounts from), so tests, benchmarks and scripts never spell the addresses or passwords out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cmsDir } from './paths.ts';

export interface Login {
  email: string;
  password: string;
}

const demoAdminFile = JSON.parse(readFileSync(path.join(cmsDir, 'data', 'demo-admin.json'), 'utf8')) as Login & {
  editor: Login;
};

/** The Super Admin of the demo. */
export const DEMO_ADMIN: Login = { email: demoAdminFile.email, password: demoAdminFile.password };

/** The demo's Editor (Slovenian admin interface), created outside production only. */
export const DEMO_EDITOR: Login = { email: demoAdminFile.editor.email, password: demoAdminFile.editor.password };
