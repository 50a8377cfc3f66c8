/**
 * A small client for Strapi's admin API, the one the admin panel itself calls: log in, then
 * create, publish and unpublish entries through the content manager exactly as staff do, so
 * Strapi fires the same events (and webhooks) as a click on "Publish". Used by the tests and
 * the benchmark's content generator.
 */

export interface AdminClient {
  token: string;
  request<T = unknown>(method: string, pathAndQuery: string, body?: unknown): Promise<T>;
  /** Creates an entry in `locale` and publishes it in one call (the admin's "Publish" on a new entry). */
  createAndPublish(uid: string, locale: string, data: Record<string, unknown>): Promise<{ documentId: string }>;
  /** Publishes an existing document in `locale`, creating that locale from `data` if it is new. */
  publish(uid: string, documentId: string, locale: string, data?: Record<string, unknown>): Promise<void>;
  unpublish(uid: string, documentId: string, locale: string): Promise<void>;
}

export class StrapiAdminError extends Error {
  override name = 'StrapiAdminError';
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

const collection = (uid: string) => `/content-manager/collection-types/${uid}`;

export async function loginAdmin(baseUrl: string, email: string, password: string): Promise<AdminClient> {
  async function call<T>(method: string, pathAndQuery: string, body: unknown, token?: string): Promise<T> {
    const response = await fetch(`${baseUrl}${pathAndQuery}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const reason = parsed?.error?.message ?? text.slice(0, 300);
      throw new StrapiAdminError(`${method} ${pathAndQuery} answered ${response.status}: ${reason}`, response.status);
    }
    return parsed as T;
  }

  const login = await call<{ data: { token: string } }>('POST', '/admin/login', { email, password });
  const token = login.data.token;
  const request = <T>(method: string, pathAndQuery: string, body?: unknown) =>
    call<T>(method, pathAndQuery, body, token);

  return {
    token,
    request,
    async createAndPublish(uid, locale, data) {
      const created = await request<{ data: { documentId: string } }>(
        'POST',
        `${collection(uid)}/actions/publish?locale=${locale}`,
        data,
      );
      return { documentId: created.data.documentId };
    },
    async publish(uid, documentId, locale, data = {}) {
      await request('POST', `${collection(uid)}/${documentId}/actions/publish?locale=${locale}`, data);
    },
    async unpublish(uid, documentId, locale) {
      await request('POST', `${collection(uid)}/${documentId}/actions/unpublish?locale=${locale}`, {});
    },
  };
}
