/**
 * Checks what the admin sends to schedule an action, before anything is stored. Pure, so the
 * rules are unit-tested; the route adds what needs the database (the entry exists, the user may
 * publish it). Messages are for staff: Slovenian, then English.
 */
import { SCHEDULED_OPERATIONS, type ScheduledOperation } from './model';

export interface ScheduleRequest {
  contentType: string;
  documentId: string;
  locale: string;
  action: ScheduledOperation;
  runAt: Date;
}

export interface RequestProblem {
  field: keyof ScheduleRequest;
  message: string;
}

export type ParsedRequest = { request: ScheduleRequest; problems: [] } | { request: null; problems: RequestProblem[] };

export interface RequestContext {
  contentTypes: readonly string[];
  locales: readonly string[];
  now: Date;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;

export const MESSAGES = {
  contentType: 'Te vrste vsebine ni mogoče načrtovati. / This content type cannot be scheduled.',
  documentId: 'Manjka vnos, ki naj se objavi. / The entry is missing.',
  locale: 'Neznan jezik. / Unknown language.',
  action: 'Izberite objavo ali preklic objave. / Choose publish or unpublish.',
  runAtInvalid: 'Datum in čas nista veljavna. / The date and time are not valid.',
  runAtPast: 'Čas mora biti v prihodnosti. / The time must be in the future.',
} as const;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function parseInstant(value: unknown): Date | null {
  const written = text(value);
  if (!ISO_INSTANT.test(written)) return null;
  const instant = new Date(written);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

const isOperation = (value: string): value is ScheduledOperation =>
  (SCHEDULED_OPERATIONS as readonly string[]).includes(value);

/** The request as typed values, or every problem found (one per field). */
export function parseScheduleRequest(body: unknown, context: RequestContext): ParsedRequest {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const [contentType, documentId, locale, action] = ['contentType', 'documentId', 'locale', 'action'].map((field) =>
    text(input[field]),
  );
  const runAt = parseInstant(input.runAt);
  const problems: RequestProblem[] = [];
  if (!context.contentTypes.includes(contentType))
    problems.push({ field: 'contentType', message: MESSAGES.contentType });
  if (!DOCUMENT_ID.test(documentId)) problems.push({ field: 'documentId', message: MESSAGES.documentId });
  if (!context.locales.includes(locale)) problems.push({ field: 'locale', message: MESSAGES.locale });
  if (!isOperation(action)) problems.push({ field: 'action', message: MESSAGES.action });
  if (!runAt) problems.push({ field: 'runAt', message: MESSAGES.runAtInvalid });
  else if (runAt.getTime() <= context.now.getTime()) problems.push({ field: 'runAt', message: MESSAGES.runAtPast });
  if (problems.length > 0 || !runAt || !isOperation(action)) return { request: null, problems };
  return { request: { contentType, documentId, locale, action, runAt }, problems: [] };
}
