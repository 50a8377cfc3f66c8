/**
 * Keeps the media library consistent with the bucket when the bucket fails. Strapi's upload
 * service writes the original and every responsive format at once and adds the file's row only
 * when all succeeded; when one fails it answers a bare 500 and leaves the objects already written
 * in the bucket. Wrapped here:
 * - the provider's writes and deletes turn the S3 client's errors into a StorageError with a
 *   message for the editor (storage-errors.ts), and a delete of an object already gone succeeds,
 *   so its row can still be deleted;
 * - the upload service's `upload` and `replace` remember every object written during the call;
 *   when the call fails they wait for the writes still running, then delete those objects that
 *   no row of the files table refers to (nothing half-written stays behind);
 * - during `replace`, the deletes of formats the new image no longer has wait until every write
 *   succeeded: when one fails, the file's row still lists them, so they must stay.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { toStorageError } from './storage-errors';

/** The fields the provider builds an object's key from. */
export interface StoredObject {
  hash: string;
  ext?: string;
  path?: string;
}

type ProviderMethod = (file: StoredObject, options?: unknown) => Promise<unknown>;

export interface UploadProvider {
  upload?: ProviderMethod;
  uploadStream?: ProviderMethod;
  replace?: (newFile: StoredObject, oldFile: StoredObject, options?: unknown) => Promise<unknown>;
  replaceStream?: (newFile: StoredObject, oldFile: StoredObject, options?: unknown) => Promise<unknown>;
  delete: ProviderMethod;
}

type ServiceMethod = (...args: never[]) => Promise<unknown>;

export interface UploadService {
  upload: ServiceMethod;
  replace: ServiceMethod;
}

interface FileRow {
  hash: string;
  formats?: Record<string, { hash: string }> | null;
}

/** The parts of Strapi the guard touches. */
export interface GuardedStrapi {
  plugin(name: 'upload'): { provider: UploadProvider; service(name: 'upload'): UploadService };
  db: { query(uid: 'plugin::upload.file'): { findMany(params: object): Promise<FileRow[]> } };
  log: { warn(message: string): void };
}

interface CallWrites {
  written: StoredObject[];
  running: Promise<unknown>[];
  /** Deletes postponed until the call succeeded; undefined when deletes run at once. */
  postponedDeletes?: StoredObject[];
}

const callWrites = new AsyncLocalStorage<CallWrites>();

const keyFields = ({ hash, ext, path }: StoredObject): StoredObject => ({ hash, ext, path });

const isMissingObject = (error: unknown) => {
  const shape = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  return shape.name === 'NoSuchKey' || shape.name === 'NotFound' || shape.$metadata?.httpStatusCode === 404;
};

function guardWrite(write: ProviderMethod): ProviderMethod {
  return (file, options) => {
    const writes = callWrites.getStore();
    const writing = (async () => {
      try {
        await write(file, options);
      } catch (error) {
        throw toStorageError(error, 'save');
      }
      writes?.written.push(keyFields(file));
    })();
    writes?.running.push(writing);
    return writing;
  };
}

function guardReplace<R extends NonNullable<UploadProvider['replace']>>(replace: R): R {
  const guarded = async (newFile: StoredObject, oldFile: StoredObject, options?: unknown) => {
    try {
      return await replace(newFile, oldFile, options);
    } catch (error) {
      throw toStorageError(error, 'save');
    }
  };
  return guarded as R;
}

function guardDelete(remove: ProviderMethod): ProviderMethod {
  return async (file, options) => {
    const postponed = callWrites.getStore()?.postponedDeletes;
    if (postponed) {
      postponed.push(keyFields(file));
      return undefined;
    }
    try {
      return await remove(file, options);
    } catch (error) {
      if (isMissingObject(error)) return undefined;
      throw toStorageError(error, 'delete');
    }
  };
}

/** A format's hash is `<format>_<hash of the original>`: every suffix after an underscore may be an original's hash. */
const candidateHashes = (hash: string): string[] =>
  [hash, ...[...hash.matchAll(/_/g)].map((match) => hash.slice(match.index + 1))].filter(Boolean);

async function referencedHashes(strapi: GuardedStrapi, objects: StoredObject[]): Promise<Set<string>> {
  const candidates = [...new Set(objects.flatMap((object) => candidateHashes(object.hash)))];
  const rows = await strapi.db
    .query('plugin::upload.file')
    .findMany({ select: ['hash', 'formats'], where: { hash: { $in: candidates } } });
  return new Set(rows.flatMap((row) => [row.hash, ...Object.values(row.formats ?? {}).map((format) => format.hash)]));
}

/** Deletes the objects written by a failed call that no row refers to. */
async function deleteUnreferenced(strapi: GuardedStrapi, remove: ProviderMethod, written: StoredObject[]) {
  if (written.length === 0) return;
  const referenced = await referencedHashes(strapi, written);
  for (const object of written.filter((candidate) => !referenced.has(candidate.hash))) {
    try {
      await remove(object);
    } catch (error) {
      strapi.log.warn(
        `upload: could not delete ${object.hash}${object.ext ?? ''} from the bucket after a failed upload; ` +
          `it is not used by any file and can be deleted by hand (${String(error)})`,
      );
    }
  }
}

/** Deletes what a successful call postponed; a failure leaves only unused objects behind, so it is logged. */
async function deletePostponed(strapi: GuardedStrapi, remove: ProviderMethod, objects: StoredObject[]) {
  for (const object of objects) {
    try {
      await remove(object);
    } catch (error) {
      strapi.log.warn(
        `upload: could not delete the replaced ${object.hash}${object.ext ?? ''} from the bucket; ` +
          `it is not used by any file and can be deleted by hand (${String(error)})`,
      );
    }
  }
}

function guardServiceCall(
  strapi: GuardedStrapi,
  call: ServiceMethod,
  remove: ProviderMethod,
  options: { postponeDeletes: boolean },
): ServiceMethod {
  return async (...args) => {
    const writes: CallWrites = {
      written: [],
      running: [],
      postponedDeletes: options.postponeDeletes ? [] : undefined,
    };
    let result: unknown;
    try {
      result = await callWrites.run(writes, () => call(...args));
    } catch (error) {
      // Strapi stops at the first failed write; the others may still be on their way.
      await Promise.allSettled(writes.running);
      await deleteUnreferenced(strapi, remove, writes.written);
      throw toStorageError(error, 'save');
    }
    await deletePostponed(strapi, remove, writes.postponedDeletes ?? []);
    return result;
  };
}

/** Wraps the upload plugin's provider and upload service; call once, after the plugin registered. False when their shape changed. */
export function guardMediaStorage(strapi: GuardedStrapi): boolean {
  const upload = strapi.plugin('upload');
  const provider = upload.provider;
  const service = upload.service('upload');
  if (
    typeof provider?.delete !== 'function' ||
    typeof service?.upload !== 'function' ||
    typeof service.replace !== 'function'
  ) {
    strapi.log.warn(
      'upload: this Strapi keeps its upload provider or service elsewhere; a failing bucket gives a bare error and may keep half-written uploads.',
    );
    return false;
  }
  const remove = provider.delete;
  if (provider.upload) provider.upload = guardWrite(provider.upload);
  if (provider.uploadStream) provider.uploadStream = guardWrite(provider.uploadStream);
  if (provider.replace) provider.replace = guardReplace(provider.replace);
  if (provider.replaceStream) provider.replaceStream = guardReplace(provider.replaceStream);
  provider.delete = guardDelete(remove);

  service.upload = guardServiceCall(strapi, service.upload, remove, { postponeDeletes: false });
  service.replace = guardServiceCall(strapi, service.replace, remove, { postponeDeletes: true });
  return true;
}
