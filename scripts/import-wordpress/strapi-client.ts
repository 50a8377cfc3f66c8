/**
 * A small HTTP client for Strapi's REST API with an API token. Works the same whatever database
 * Strapi runs on. Errors name the request and Strapi's reason; `fatal` marks the ones that will
 * fail every following request too (Strapi unreachable, token refused), so the import stops
 * instead of reporting the same problem for every post.
 */

export class StrapiError extends Error {
  override name = 'StrapiError';
  readonly status: number;
  readonly fatal: boolean;

  constructor(message: string, status: number, fatal: boolean) {
    super(message);
    this.status = status;
    this.fatal = fatal;
  }
}

export interface StrapiClient {
  baseUrl: string;
  request<T>(method: string, pathAndQuery: string, body?: unknown): Promise<T>;
  upload<T>(form: FormData): Promise<T>;
}

type StrapiErrorBody = { error?: { message?: string; details?: { errors?: { path?: string[]; message?: string }[] } } };

function reasonFrom(body: StrapiErrorBody | null, fallback: string): string {
  const error = body?.error;
  if (!error) return fallback;
  const details = (error.details?.errors ?? []).map((e) => `${(e.path ?? []).join('.') || 'data'}: ${e.message}`);
  return [error.message ?? fallback, ...details].join('; ');
}

function statusError(status: number, what: string, reason: string): StrapiError {
  if (status === 401)
    return new StrapiError(
      `${what}: Strapi refused the API token (401). Pass a valid full-access token with --token or IMPORT_STRAPI_TOKEN.`,
      status,
      true,
    );
  if (status === 403)
    return new StrapiError(
      `${what}: the API token may not do this (403). The importer needs a full-access token.`,
      status,
      true,
    );
  return new StrapiError(`${what}: Strapi answered ${status}: ${reason}`, status, false);
}

/** A request path for messages: brackets and other query characters decoded. */
/** Strapi answers JSON, but a proxy in front of it may answer an HTML error page. */
function parseJsonOrNull(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

function readable(pathAndQuery: string): string {
  try {
    return decodeURIComponent(pathAndQuery);
  } catch {
    return pathAndQuery;
  }
}

export function createStrapiClient(baseUrl: string, token: string, timeoutMs = 60_000): StrapiClient {
  const root = baseUrl.replace(/\/+$/, '');

  async function send<T>(method: string, pathAndQuery: string, init: { body?: BodyInit; json?: boolean }): Promise<T> {
    const what = `${method} ${readable(pathAndQuery)}`;
    let response: Response;
    try {
      response = await fetch(`${root}${pathAndQuery}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(init.json ? { 'content-type': 'application/json' } : {}) },
        body: init.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const { cause } = error as { cause?: { code?: string; message?: string } };
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new StrapiError(`${what}: cannot reach Strapi at ${root} (${reason}). Is it running?`, 0, true);
    }
    const text = await response.text();
    const body = parseJsonOrNull(text);
    if (!response.ok)
      throw statusError(
        response.status,
        what,
        reasonFrom(body as StrapiErrorBody, text.slice(0, 200) || response.statusText),
      );
    return body as T;
  }

  return {
    baseUrl: root,
    request: (method, pathAndQuery, body) =>
      send(method, pathAndQuery, body === undefined ? {} : { body: JSON.stringify(body), json: true }),
    upload: (form) => send('POST', '/api/upload', { body: form }),
  };
}

/** "/api/x" + { 'filters[slug][$eq]': 'a' } -> "/api/x?filters%5Bslug%5D%5B%24eq%5D=a" */
export const withQuery = (pathname: string, query: Record<string, string | number>) =>
  `${pathname}?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString()}`;
