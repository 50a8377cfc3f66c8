/**
 * Creates a full-access API token for the importer through Strapi's admin API: log in as an
 * administrator (POST /admin/login), then POST /admin/api-tokens. Used by the tests and the
 * benchmark on their throw-away Strapi; on a real site an administrator creates the token in
 * the admin (Settings → API Tokens → type "Full access") and revokes it after the migration.
 */

async function postJson(url: string, body: unknown, token?: string): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

export async function createFullAccessToken(
  strapiUrl: string,
  admin: { email: string; password: string },
  name = `wordpress-import-${Date.now()}`,
): Promise<string> {
  const root = strapiUrl.replace(/\/+$/, '');
  const login = await postJson(`${root}/admin/login`, admin);
  const created = await postJson(
    `${root}/admin/api-tokens`,
    { name, type: 'full-access', lifespan: null },
    login.data.token,
  );
  return created.data.accessKey as string;
}
