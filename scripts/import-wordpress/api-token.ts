/**
 * Creates a full-access API token for the importer through Strapi's admin API: log in as an
 * administrator (POST /admin/login), then POST /admin/api-tokens. Used by the tests and the
 * benchmark on their throw-away Strapi; on a real site an administrator creates the token in
 * the admin (Settings → API Tokens → type "Full access") and revokes it after the migration.
 */
import { loginAdmin } from '../lib/strapi-admin.ts';

export async function createFullAccessToken(
  strapiUrl: string,
  admin: { email: string; password: string },
  name = `wordpress-import-${Date.now()}`,
): Promise<string> {
  const session = await loginAdmin(strapiUrl.replace(/\/+$/, ''), admin.email, admin.password);
  const created = await session.request<{ data: { accessKey: string } }>('POST', '/admin/api-tokens', {
    name,
    type: 'full-access',
    lifespan: null,
  });
  return created.data.accessKey;
}
