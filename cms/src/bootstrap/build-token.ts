import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

const TOKEN_NAME = 'site-build';

/**
 * When BUILD_TOKEN_FILE is set, make sure a read-only API token for the site build exists
 * and write its key to that file (mode 0600), for the builder to read. Strapi stores the key
 * encrypted (ENCRYPTION_KEY), so restarts reuse the same token instead of minting new ones.
 */
export async function ensureBuildToken(strapi: Core.Strapi): Promise<void> {
  const file = process.env.BUILD_TOKEN_FILE;
  if (!file) return;

  const tokens = strapi.service('admin::api-token-content-api');
  let token = await tokens.getByName(TOKEN_NAME, { includeDecryptedKey: true });
  if (!token?.accessKey) {
    if (token) await tokens.revoke(token.id);
    token = await tokens.create({
      name: TOKEN_NAME,
      description: 'Read-only token the static site build uses to read published content.',
      type: 'read-only',
      lifespan: null,
    });
    strapi.log.info('API token: created the read-only site-build token');
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${token.accessKey}\n`, { mode: 0o600 });
}
