/**
 * Takes a revision after every write that changes a draft: create, update, clone and discarding
 * the draft's changes, from the admin, REST, GraphQL, the seed and scripts alike (one Document
 * Service middleware sees them all). Publishing copies the draft without changing it, so it
 * takes none. A write that leaves the draft as the newest revision has it takes none either.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core, Modules } from '@strapi/strapi';
import { draftSnapshot, revisionLocale } from './entries';
import { revisionsToKeep } from './retention';
import { revisionedTypeUids } from './schema';
import { sameContent } from './snapshot';
import type { EntryLocale, RevisionCause, RevisionStore } from './store';

type Next = Parameters<Modules.Documents.Middleware.Middleware>[1];
type Written = Awaited<ReturnType<Next>>;

interface DocumentContext {
  uid: string;
  action: string;
  params: { documentId?: string; locale?: string | string[] };
}

const CAUSES: Record<string, RevisionCause> = {
  create: 'save',
  update: 'save',
  clone: 'save',
  discardDraft: 'discard',
};

/** Set while a restore writes the draft, so the revision it causes says which one it restored. */
export const restoring = new AsyncLocalStorage<{ revisionId: number }>();

interface Author {
  id: number | null;
  name: string | null;
}

/** The admin user (or API caller) of the request that is writing, if any. */
function currentAuthor(strapi: Core.Strapi): Author {
  const user = strapi.requestContext.get()?.state?.user as
    | { id?: number; firstname?: string | null; lastname?: string | null; username?: string | null; email?: string }
    | undefined;
  if (!user) return { id: null, name: null };
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email || null;
  return { id: user.id ?? null, name };
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';

/** The (documentId, locale) pairs a write touched: one document, or the entries of clone/discardDraft. */
function writtenLocales(
  written: unknown,
  params: DocumentContext['params'],
): { documentId: string; locale: unknown }[] {
  if (!isRecord(written)) return [];
  const entries = Array.isArray(written.entries) ? written.entries.filter(isRecord) : [written];
  return entries
    .map((entry) => ({
      documentId: String(entry.documentId ?? written.documentId ?? params.documentId ?? ''),
      locale: entry.locale ?? params.locale,
    }))
    .filter((entry) => entry.documentId !== '');
}

export function recordRevisions(strapi: Core.Strapi, store: RevisionStore) {
  const keep = revisionsToKeep();
  const tracked = new Set(revisionedTypeUids(strapi));

  async function record(entry: EntryLocale, cause: RevisionCause): Promise<void> {
    const data = await draftSnapshot(strapi, entry.contentType, entry.documentId, entry.locale);
    if (!data) return;
    const newest = await store.newest(entry);
    if (newest && sameContent(newest.data, data)) return;
    const author = currentAuthor(strapi);
    const restore = restoring.getStore();
    await store.add({
      ...entry,
      data,
      cause: restore ? 'restore' : cause,
      restoredFrom: restore?.revisionId ?? null,
      authorId: author.id,
      authorName: author.name,
    });
    await store.prune(entry, keep);
  }

  return async (context: DocumentContext, next: Next): Promise<Written> => {
    const cause = CAUSES[context.action];
    if (!cause || !tracked.has(context.uid)) return next();
    const written = await next();
    for (const { documentId, locale } of writtenLocales(written, context.params)) {
      const entry = { contentType: context.uid, documentId, locale: revisionLocale(strapi, context.uid, locale) };
      // The write itself succeeded; a lost revision must not turn it into an error for the editor.
      await record(entry, cause).catch((error: Error) =>
        strapi.log.error(
          `Revisions: could not record ${entry.contentType} ${documentId} (${entry.locale}): ${error.message}`,
        ),
      );
    }
    return written;
  };
}
