/**
 * Where revisions live: a table of their own (`revisions`), registered as a database model the
 * way Strapi's own content history registers its table, so it is not a content type: the
 * Content Manager, the APIs and the site never see it. One row per saved version of one entry
 * in one locale; pruned to the last REVISIONS_KEEP on every write.
 */
import type { Core } from '@strapi/strapi';
import type { Snapshot } from './snapshot';

export const REVISION_MODEL_UID = 'app::revision';

/** Why a revision was taken: an ordinary save, a restore of an earlier one, or discarding the draft's changes. */
export type RevisionCause = 'save' | 'restore' | 'discard';

export interface RevisionSummary {
  id: number;
  contentType: string;
  documentId: string;
  locale: string;
  cause: RevisionCause;
  restoredFrom: number | null;
  authorId: number | null;
  authorName: string | null;
  createdAt: string;
}

export interface Revision extends RevisionSummary {
  data: Snapshot;
}

export type NewRevision = Omit<Revision, 'id' | 'createdAt'>;

const column = (type: string, columnName: string, extra: Record<string, unknown> = {}) => ({
  type,
  columnName,
  ...extra,
});

export const revisionModel = {
  uid: REVISION_MODEL_UID,
  singularName: 'revision',
  tableName: 'revisions',
  attributes: {
    id: { type: 'increments' },
    contentType: column('string', 'content_type', { column: { notNullable: true } }),
    documentId: column('string', 'document_id', { column: { notNullable: true } }),
    locale: column('string', 'locale', { column: { notNullable: true } }),
    cause: column('string', 'cause'),
    restoredFrom: column('integer', 'restored_from'),
    authorId: column('integer', 'author_id'),
    authorName: column('string', 'author_name'),
    data: column('json', 'data'),
    createdAt: column('datetime', 'created_at', { default: () => new Date() }),
  },
  indexes: [{ name: 'revisions_entry_idx', columns: ['content_type', 'document_id', 'locale', 'id'] }],
};

export function registerRevisionModel(strapi: Core.Strapi): void {
  strapi.get('models').add(revisionModel);
}

const SUMMARY_FIELDS = [
  'id',
  'contentType',
  'documentId',
  'locale',
  'cause',
  'restoredFrom',
  'authorId',
  'authorName',
  'createdAt',
];

export interface EntryLocale {
  contentType: string;
  documentId: string;
  locale: string;
}

export const createRevisionStore = (strapi: Core.Strapi) => {
  const rows = () => strapi.db.query(REVISION_MODEL_UID);
  const newestFirst = [{ id: 'desc' }];

  return {
    /** The versions of one entry in one locale, newest first, without their data. */
    list(entry: EntryLocale): Promise<RevisionSummary[]> {
      return rows().findMany({ where: { ...entry }, select: SUMMARY_FIELDS, orderBy: newestFirst });
    },

    find(id: number): Promise<Revision | null> {
      return rows().findOne({ where: { id } });
    },

    newest(entry: EntryLocale): Promise<Revision | null> {
      return rows().findOne({ where: { ...entry }, orderBy: newestFirst });
    },

    add(revision: NewRevision): Promise<Revision> {
      return rows().create({ data: { ...revision, createdAt: new Date() } });
    },

    /** Deletes all but the newest `keep` versions of the entry in that locale. */
    async prune(entry: EntryLocale, keep: number): Promise<number> {
      const older: { id: number }[] = await rows().findMany({
        where: { ...entry },
        select: ['id'],
        orderBy: newestFirst,
        offset: keep,
      });
      if (older.length === 0) return 0;
      const { count } = await rows().deleteMany({ where: { id: { $in: older.map((row) => row.id) } } });
      return count;
    },

    async remove(id: number): Promise<boolean> {
      return (await rows().delete({ where: { id } })) !== null;
    },

    async removeAll(entry: EntryLocale): Promise<number> {
      return (await rows().deleteMany({ where: { ...entry } })).count;
    },
  };
};

export type RevisionStore = ReturnType<typeof createRevisionStore>;
