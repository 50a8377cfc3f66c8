/**
 * Everything a Strapi holds that an association would miss, in a comparable form: every entry
 * of every type (the menus too) in every locale and both states (draft and published) with all
 * its fields and components, its relations (as documentIds) and media (by file hash); the media library with a SHA-256 of
 * every file (originals and resized formats), read from the uploads folder or, for absolute URLs
 * (media in a bucket), downloaded; the locales. Database ids are left out:
 * they may differ between databases; documentIds, hashes and timestamps must not.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestCms } from './cms';
import type { CmsEditor, Plural } from './cms-editor';

const PLURALS: Plural[] = ['articles', 'workshops', 'regions', 'partners', 'pages'];
/** Single types (one entry a locale), with their components' relations populated. */
const SINGLE_TYPES = [{ name: 'navigation', populate: 'populate[header][populate]=*&populate[footer][populate]=*' }];

export interface CmsSnapshot {
  entries: Record<string, unknown>; // "<plural> <locale> <status> <documentId>" -> normalised entry
  files: Record<string, unknown>; // file hash -> metadata and content digests
  locales: string[];
  counts: { entries: number; relations: number; files: number; fileBytes: number };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Json = Record<string, unknown>;

/** A file of the media library as Strapi's upload API lists it. */
interface UploadFile extends Json {
  id: number;
  documentId: string;
  hash: string;
  url: string;
  formats?: Record<string, { url: string }> | null;
}

/** A relation or media value reduced to what identifies it across databases; a component without its row id. */
function reference(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reference).sort();
  if (value && typeof value === 'object') {
    const { hash, documentId } = value as { hash?: string; documentId?: string };
    if (hash) return `file:${hash}`;
    if (documentId) return `doc:${documentId}`;
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'id')
        .map(([key, field]) => [key, reference(field)]),
    );
  }
  return value;
}

function normaliseEntry(entry: Json): { entry: Json; relations: number } {
  const out: Json = {};
  let relations = 0;
  for (const [key, value] of Object.entries(entry).sort(([a], [b]) => a.localeCompare(b))) {
    if (key === 'id' || key === 'localizations') continue;
    const ref = reference(value);
    if (Array.isArray(ref)) relations += ref.length;
    else if (typeof ref === 'string' && /^(doc|file):/.test(ref)) relations += 1;
    out[key] = ref;
  }
  return { entry: out, relations };
}

/** A media file's bytes: from the uploads folder for the local provider, over HTTP from a bucket. */
async function mediaBytes(cms: TestCms, url: string): Promise<Buffer> {
  if (!/^https?:\/\//.test(url)) return readFileSync(path.join(cms.dataDir, 'public', url));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

async function getJson<T>(cms: TestCms, route: string, token: string): Promise<T> {
  const response = await fetch(`${cms.url}${route}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${route}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as T;
}

export async function snapshotCms(cms: TestCms, editor: CmsEditor): Promise<CmsSnapshot> {
  const entries: CmsSnapshot['entries'] = {};
  const counts = { entries: 0, relations: 0, files: 0, fileBytes: 0 };
  const locales = (
    (await (
      await fetch(`${cms.url}/i18n/locales`, { headers: { authorization: `Bearer ${editor.adminJwt}` } })
    ).json()) as { code: string; isDefault: boolean }[]
  )
    .map((l) => `${l.code}${l.isDefault ? ' (default)' : ''}`)
    .sort();

  for (const plural of PLURALS) {
    for (const locale of locales.map((l) => l.slice(0, 2))) {
      for (const status of ['draft', 'published']) {
        for (let page = 1; ; page++) {
          const body = await getJson<{
            data: (Json & { documentId: string })[];
            meta: { pagination: { pageCount: number } };
          }>(
            cms,
            `/api/${plural}?locale=${locale}&status=${status}&populate=*&pagination[page]=${page}&pagination[pageSize]=100`,
            editor.token,
          );
          for (const raw of body.data) {
            const { entry, relations } = normaliseEntry(raw);
            entries[`${plural} ${locale} ${status} ${raw.documentId}`] = entry;
            counts.entries += 1;
            counts.relations += relations;
          }
          if (page >= body.meta.pagination.pageCount) break;
        }
      }
    }
  }
  for (const { name, populate } of SINGLE_TYPES) {
    for (const locale of locales.map((l) => l.slice(0, 2))) {
      for (const status of ['draft', 'published']) {
        const response = await fetch(`${cms.url}/api/${name}?locale=${locale}&status=${status}&${populate}`, {
          headers: { authorization: `Bearer ${editor.token}` },
        });
        if (response.status === 404) continue; // none saved in this locale and state
        if (!response.ok) throw new Error(`GET /api/${name}: HTTP ${response.status}`);
        const raw = ((await response.json()) as { data: Json & { documentId: string } }).data;
        const { entry, relations } = normaliseEntry(raw);
        entries[`${name} ${locale} ${status} ${raw.documentId}`] = entry;
        counts.entries += 1;
        counts.relations += relations;
      }
    }
  }

  const files: CmsSnapshot['files'] = {};
  for (const file of await getJson<UploadFile[]>(cms, '/api/upload/files?pagination[pageSize]=100', editor.token)) {
    const digests: Record<string, string> = {};
    for (const variant of [file, ...Object.values(file.formats ?? {})]) {
      const bytes = await mediaBytes(cms, variant.url);
      digests[variant.url] = sha256(bytes);
      counts.fileBytes += bytes.length;
    }
    const { id: _id, documentId: _doc, formats, ...metadata } = file;
    files[file.hash] = { ...metadata, formats: Object.keys(formats ?? {}).sort(), digests };
    counts.files += 1;
  }
  return { entries, files, locales, counts };
}
