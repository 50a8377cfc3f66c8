/**
 * Writing content into a test Strapi the way staff and integrations do: log in to the admin
 * with the demo account, create a full-access API token, then use Strapi's REST API with it
 * (create, translate, publish, upload media). Tests use it to put hostile, degenerate or
 * extra content into a real CMS; the site build then reads it back over GraphQL like always.
 */
import { crc32, deflateSync } from 'node:zlib';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { loginAdmin } from '../../scripts/lib/strapi-admin.ts';
import type { TestCms } from './cms';

export type Plural = 'articles' | 'workshops' | 'regions' | 'partners' | 'pages';
export type Fields = Record<string, unknown>;

/** Strapi's answer to a save over REST: the entry, or why it was refused. */
export interface SaveAnswer {
  data?: Fields & { documentId: string };
  error?: { name: string; message: string; details?: { errors?: { path: string[]; message: string }[] } };
}

export interface CmsEditor {
  /** The admin panel's JWT (for /admin and /content-manager routes). */
  adminJwt: string;
  /** A full-access API token (for /api routes). */
  token: string;
  /** Creates an entry in one locale, as a draft unless `publish` (then a draft copy stays for staff too). */
  create(
    plural: Plural,
    locale: string,
    data: Fields,
    options?: { publish?: boolean },
  ): Promise<{ documentId: string }>;
  /** Adds or replaces the translation of an entry in another locale. */
  translate(
    plural: Plural,
    documentId: string,
    locale: string,
    data: Fields,
    options?: { publish?: boolean },
  ): Promise<void>;
  /** Saves fields of an entry's draft; answers with the HTTP status and body instead of throwing. */
  tryUpdate(
    plural: Plural,
    documentId: string,
    locale: string,
    data: Fields,
  ): Promise<{ status: number; body: SaveAnswer | null }>;
  remove(plural: Plural, documentId: string, locale?: string): Promise<void>;
  /** Uploads a file to the media library; returns its id. */
  upload(
    file: { name: string; bytes: Buffer; mime: string },
    info?: { alternativeText?: string; caption?: string },
  ): Promise<number>;
}

/** The parsed JSON body of a successful answer, typed as the caller expects it. */
async function expectOk<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : null) as T;
}

export async function openEditor(cms: TestCms): Promise<CmsEditor> {
  const { token: adminJwt } = await loginAdmin(cms.url, DEMO_ADMIN.email, DEMO_ADMIN.password);
  const created = await cms.rest<{ data: { accessKey: string } }>(
    'POST',
    '/admin/api-tokens',
    {
      name: `test-editor-${Date.now()}`,
      description: 'tests/helpers/cms-editor.ts',
      type: 'full-access',
      lifespan: null,
    },
    adminJwt,
  );
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`creating an API token failed: HTTP ${created.status}`);
  const token: string = created.body.data.accessKey;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  // Strapi 5's REST API publishes by default; a draft must be asked for.
  const query = (locale: string, publish?: boolean) => `?locale=${locale}&status=${publish ? 'published' : 'draft'}`;

  return {
    adminJwt,
    token,
    async create(plural, locale, data, options = {}) {
      const response = await fetch(`${cms.url}/api/${plural}${query(locale, options.publish)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ data }),
      });
      return (await expectOk<{ data: { documentId: string } }>(response, `create ${plural} [${locale}]`)).data;
    },
    async translate(plural, documentId, locale, data, options = {}) {
      const response = await fetch(`${cms.url}/api/${plural}/${documentId}${query(locale, options.publish)}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ data }),
      });
      await expectOk(response, `translate ${plural} ${documentId} [${locale}]`);
    },
    async tryUpdate(plural, documentId, locale, data) {
      const response = await fetch(`${cms.url}/api/${plural}/${documentId}${query(locale)}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ data }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async remove(plural, documentId, locale) {
      const response = await fetch(`${cms.url}/api/${plural}/${documentId}${locale ? `?locale=${locale}` : ''}`, {
        method: 'DELETE',
        headers,
      });
      if (response.status !== 204 && !response.ok)
        throw new Error(`delete ${plural} ${documentId}: HTTP ${response.status}`);
    },
    async upload(file, info = {}) {
      const form = new FormData();
      form.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.mime }), file.name);
      form.append('fileInfo', JSON.stringify({ name: file.name, ...info }));
      const response = await fetch(`${cms.url}/api/upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      const [uploaded] = await expectOk<{ id: number }[]>(response, `upload ${file.name}`);
      return uploaded.id;
    },
  };
}

/** A valid PNG of the given size in one colour (for media tests; no image library needed). */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [11, 85, 99]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
