/**
 * Strapi's admin API as the admin panel calls it, for tests that act as a logged-in staff
 * member: JSON requests that return status and body (never throw on 4xx), uploads to the media
 * library, and the Content Manager's collection-type routes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cmsDir } from '../../scripts/lib/paths.ts';

export interface AdminResponse {
  status: number;
  body: any;
}

export interface AdminSession {
  token: string;
  request(method: string, pathAndQuery: string, body?: unknown): Promise<AdminResponse>;
  /** Uploads one file of cms/data/media/ to the media library. */
  upload(mediaFile: string, fileInfo?: Record<string, unknown>): Promise<AdminResponse>;
}

export const DEMO_LOGINS = JSON.parse(readFileSync(path.join(cmsDir, 'data', 'demo-admin.json'), 'utf8')) as {
  email: string;
  password: string;
  editor: { email: string; password: string };
};

/** /content-manager/collection-types/api::<type>.<type> */
export const collection = (type: string) => `/content-manager/collection-types/api::${type}.${type}`;

async function parse(response: Response): Promise<AdminResponse> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export async function adminSession(baseUrl: string, email: string, password: string): Promise<AdminSession> {
  const login = await parse(
    await fetch(`${baseUrl}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }),
  );
  if (login.status !== 200)
    throw new Error(`admin login of ${email} answered ${login.status}: ${JSON.stringify(login.body)}`);
  const token: string = login.body.data.token;
  const authorization = { authorization: `Bearer ${token}` };
  return {
    token,
    async request(method, pathAndQuery, body) {
      return parse(
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
      return parse(await fetch(`${baseUrl}/upload`, { method: 'POST', headers: authorization, body: form }));
    },
  };
}
