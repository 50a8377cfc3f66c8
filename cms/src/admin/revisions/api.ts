/** The admin API of revisions (cms/src/revisions/http.ts), as the side panel calls it. */
import { useFetchClient } from '@strapi/admin/strapi-admin';

export interface VersionSummary {
  id: number;
  locale: string;
  cause: 'save' | 'restore' | 'discard';
  restoredFrom: number | null;
  authorName: string | null;
  createdAt: string;
}

export type FieldChange =
  | { field: string; type: string; kind: 'lines'; lines: { change: 'removed' | 'added' | 'unchanged'; text: string }[] }
  | { field: string; type: string; kind: 'references'; removed: unknown[]; added: unknown[] }
  | { field: string; type: string; kind: 'value'; revision: unknown; draft: unknown };

export interface VersionDiff extends VersionSummary {
  changes: FieldChange[];
  /** Per field, the type its references point to (a content type or the media library). */
  targets: Record<string, string | null>;
  /** Per target type, documentId (or file id) -> readable name. */
  names: Record<string, Record<string, string>>;
}

export interface Dropped {
  field: string;
  kind: 'relation' | 'media';
  id: string | number;
}

export interface EntryLocale {
  contentType: string;
  documentId: string;
  locale?: string;
}

export function useRevisionsApi() {
  const { get, post, del } = useFetchClient();
  return {
    async list(entry: EntryLocale) {
      const { data } = await get<{ data: VersionSummary[]; meta: { keep: number } }>('/revisions', { params: entry });
      return data;
    },
    async show(id: number) {
      return (await get<{ data: VersionDiff }>(`/revisions/${id}`)).data.data;
    },
    async restore(id: number) {
      return (await post<{ data: { dropped: Dropped[] } }>(`/revisions/${id}/restore`)).data.data;
    },
    async remove(id: number) {
      await del(`/revisions/${id}`);
    },
  };
}
