/**
 * Strapi's admin API as the admin panel calls it, for tests that act as a logged-in staff
 * member: JSON requests that return status and body (never throw on 4xx), uploads to the media
 * library, and the Content Manager's collection-type routes. Logging in is
 * scripts/lib/strapi-admin.ts's job; this only keeps the token.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cmsDir } from '../../scripts/lib/paths.ts';
import type { Login } from '../../scripts/lib/demo-logins.ts';
import { loginAdmin } from '../../scripts/lib/strapi-admin.ts';

/** An answer of the admin API; `T` is the shape the caller expects of a successful body. */
export interface AdminResponse<T = unknown> {
  status: number;
  body: T;
}

/** A file of the media library as the upload routes answer it. */
export interface UploadedFile {
  id: number;
  name: string;
  alternativeText: string | null;
  caption: string | null;
  url: string;
}

export interface AdminSession {
  token: string;
  request<T = unknown>(method: string, pathAndQuery: string, body?: unknown): Promise<AdminResponse<T>>;
  /** Uploads one file of cms/data/media/ to the media library. */
  upload(mediaFile: string, fileInfo?: Record<string, unknown>): Promise<AdminResponse<UploadedFile[]>>;
}

/** A save or publication Strapi refused, as the admin API answers it. */
export interface Refusal {
  error: { name: string; message: string; details?: { errors?: { path: string[]; message: string }[] } };
}

/** The field errors of a refused save, as the admin shows them under each field. */
export const fieldErrors = (response: AdminResponse): Record<string, string> => {
  const refusal = response.body as Partial<Refusal> | null;
  return Object.fromEntries(
    (refusal?.error?.details?.errors ?? []).map((error) => [error.path.join('.'), error.message]),
  );
};

/** /content-manager/collection-types/api::<type>.<type> */
export const collection = (type: string) => `/content-manager/collection-types/api::${type}.${type}`;

async function parse<T>(response: Response): Promise<AdminResponse<T>> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function adminSession(baseUrl: string, login: Login): Promise<AdminSession> {
  const { token } = await loginAdmin(baseUrl, login.email, login.password);
  const authorization = { authorization: `Bearer ${token}` };
  return {
    token,
    async request<T>(method: string, pathAndQuery: string, body?: unknown) {
      return parse<T>(
        await fetch(`${baseUrl}${pathAndQuery}`, {
          method,
          headers: { ...authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    },
    async upload(mediaFile, fileInfo = {}) {
      const form = new FormData();
      const bytes = readFileSync(path.join(cmsDir, 'data', 'media', mediaFile));
      const type = mediaFile.endsWith('.png') ? 'image/png' : 'image/jpeg';
      form.append('files', new Blob([bytes], { type }), mediaFile);
      form.append('fileInfo', JSON.stringify({ name: mediaFile, ...fileInfo }));
      return parse<UploadedFile[]>(
        await fetch(`${baseUrl}/upload`, { method: 'POST', headers: authorization, body: form }),
      );
    },
  };
}
