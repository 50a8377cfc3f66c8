/**
 * What the staff's registrations page reads: the workshops that take or took registrations, with
 * their counts per state against capacity, and one workshop's registrations in a sensible order.
 */
import type { Core } from '@strapi/strapi';
import type { RegistrationState } from '@koper-otok/content-types';
import { REGISTRATION_UID, WORKSHOP_UID, type RegistrationRow } from '../registration/model';

export type StateCounts = Record<RegistrationState, number>;

/** A workshop as the page lists it: its Slovenian title (or its only one), date, places and counts. */
export interface WorkshopRegistrations {
  documentId: string;
  title: string;
  slug: string | null;
  startsAt: string | null;
  capacity: number | null;
  registrationOpen: boolean;
  eventStatus: string;
  published: boolean;
  counts: StateCounts;
}

/** A registration as staff see it: personal data and the times of its steps, never its link hashes. */
export type StaffRegistration = Omit<RegistrationRow, 'confirmTokenHash' | 'cancelTokenHash' | 'consentText'>;

interface WorkshopRow {
  documentId: string;
  locale: string;
  title: string;
  slug: string | null;
  startsAt: string | null;
  capacity: number | null;
  registrationOpen: boolean | null;
  eventStatus: string;
  publishedAt: string | null;
}

const STAFF_FIELDS = [
  'id',
  'documentId',
  'workshopDocumentId',
  'language',
  'name',
  'email',
  'organisation',
  'role',
  'state',
  'consentAt',
  'confirmBy',
  'confirmedAt',
  'waitingSince',
  'cancelledAt',
  'anonymisedAt',
];

/** Confirmed first, then the waiting list in its order, then pending, then cancelled. */
const STATE_ORDER: RegistrationState[] = ['confirmed', 'waiting', 'pending', 'cancelled'];

const emptyCounts = (): StateCounts => ({ pending: 0, confirmed: 0, waiting: 0, cancelled: 0 });

async function countsByWorkshop(
  strapi: Core.Strapi,
  where: Record<string, unknown> = {},
): Promise<Map<string, StateCounts>> {
  const rows: Pick<RegistrationRow, 'workshopDocumentId' | 'state'>[] = await strapi.db
    .query(REGISTRATION_UID)
    .findMany({ where, select: ['workshopDocumentId', 'state'] });
  const counts = new Map<string, StateCounts>();
  for (const { workshopDocumentId, state } of rows) {
    const workshopCounts = counts.get(workshopDocumentId) ?? emptyCounts();
    workshopCounts[state] += 1;
    counts.set(workshopDocumentId, workshopCounts);
  }
  return counts;
}

/** The row that names the workshop: Slovenian before English, published before draft. */
const rank = (row: WorkshopRow) => (row.locale === 'sl' ? 0 : 2) + (row.publishedAt ? 0 : 1);

function summarise(rows: WorkshopRow[], counts: StateCounts | undefined): WorkshopRegistrations {
  const first = [...rows].sort((a, b) => rank(a) - rank(b))[0];
  return {
    documentId: first.documentId,
    title: first.title,
    slug: first.slug,
    startsAt: first.startsAt,
    capacity: first.capacity ?? null,
    registrationOpen: rows.some((row) => row.publishedAt && row.registrationOpen === true),
    eventStatus: first.eventStatus,
    published: rows.some((row) => row.publishedAt),
    counts: counts ?? emptyCounts(),
  };
}

function groupByDocument(rows: WorkshopRow[]): WorkshopRow[][] {
  const groups = new Map<string, WorkshopRow[]>();
  for (const row of rows) groups.set(row.documentId, [...(groups.get(row.documentId) ?? []), row]);
  return [...groups.values()];
}

const newestFirst = (a: WorkshopRegistrations, b: WorkshopRegistrations) =>
  (b.startsAt ?? '').localeCompare(a.startsAt ?? '');

async function workshopRows(strapi: Core.Strapi, where: Record<string, unknown>): Promise<WorkshopRow[]> {
  return strapi.db.query(WORKSHOP_UID).findMany({
    where,
    select: [
      'documentId',
      'locale',
      'title',
      'slug',
      'startsAt',
      'capacity',
      'registrationOpen',
      'eventStatus',
      'publishedAt',
    ],
  });
}

/** Every workshop with registration open or with registrations, newest date first. */
export async function listWorkshopRegistrations(strapi: Core.Strapi): Promise<WorkshopRegistrations[]> {
  const counts = await countsByWorkshop(strapi);
  const rows = await workshopRows(strapi, {
    $or: [{ registrationOpen: true }, { documentId: { $in: [...counts.keys()] } }],
  });
  return groupByDocument(rows)
    .map((group) => summarise(group, counts.get(group[0].documentId)))
    .sort(newestFirst);
}

/** One workshop's summary, or null when no such workshop exists. */
export async function workshopRegistrations(
  strapi: Core.Strapi,
  documentId: string,
): Promise<WorkshopRegistrations | null> {
  const rows = await workshopRows(strapi, { documentId });
  if (rows.length === 0) return null;
  return summarise(rows, (await countsByWorkshop(strapi, { workshopDocumentId: documentId })).get(documentId));
}

/** The workshop's registrations: confirmed, the waiting list in its order, pending, cancelled. */
export async function registrationsOf(strapi: Core.Strapi, workshopDocumentId: string): Promise<StaffRegistration[]> {
  const rows: StaffRegistration[] = await strapi.db.query(REGISTRATION_UID).findMany({
    where: { workshopDocumentId },
    select: STAFF_FIELDS,
    orderBy: [{ waitingSince: 'asc' }, { consentAt: 'asc' }, { id: 'asc' }],
  });
  return [...rows].sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state));
}
