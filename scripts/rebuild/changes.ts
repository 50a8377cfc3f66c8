/**
 * What changed since the last build, from the webhooks: which entries (so a partial rebuild
 * re-renders what they touch), or why only a full build will do (the menus, redirects and media
 * appear on many pages at once; a payload without a documentId says nothing about what changed).
 */
import { PAGE_CONTENT_TYPES, type PageContentType } from '../../site/src/lib/cms/patch-records.ts';
import type { ChangedDocuments } from '../../site/partial-build/update.ts';
import type { Trigger } from './payload.ts';

export interface ChangeSet {
  documents: ChangedDocuments[];
  /** Set when these changes need a full build, with the reason for the log. */
  fullReason: string | null;
}

const isPageContent = (model: string | null): model is PageContentType =>
  (PAGE_CONTENT_TYPES as readonly (string | null)[]).includes(model);

function fullReasonOf(trigger: Trigger): string | null {
  if (trigger.model === null) return `${trigger.event}: media appear on many pages`;
  if (!isPageContent(trigger.model)) return `a ${trigger.model} changed: it shows on many pages`;
  if (trigger.documentId === null) return `${trigger.event} on ${trigger.model} named no documentId`;
  return null;
}

export function createPendingChanges() {
  let documents = new Map<PageContentType, Set<string>>();
  let fullReason: string | null = null;
  return {
    add(trigger: Trigger): void {
      fullReason ??= fullReasonOf(trigger);
      if (!isPageContent(trigger.model) || trigger.documentId === null) return;
      const ids = documents.get(trigger.model) ?? new Set();
      documents.set(trigger.model, ids.add(trigger.documentId));
    },
    /** The changes so far, leaving none pending. */
    take(): ChangeSet {
      const taken: ChangeSet = {
        documents: [...documents].map(([type, ids]) => ({ type, documentIds: [...ids] })),
        fullReason,
      };
      documents = new Map();
      fullReason = null;
      return taken;
    },
  };
}

export type PendingChanges = ReturnType<typeof createPendingChanges>;

export const countDocuments = (changes: ChangeSet) =>
  changes.documents.reduce((sum, { documentIds }) => sum + documentIds.length, 0);
