/** Workshops the registration suites sign up for, made through Strapi's admin API like staff make them. */
import { expect } from 'vitest';
import { collection, type AdminSession } from './admin-api';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WorkshopOptions {
  title: string;
  capacity: number;
  registrationOpen?: boolean;
}

/** A workshop in both languages in the demo's first region, published, starting in ten days. */
export async function publishedWorkshop(admin: AdminSession, options: WorkshopOptions): Promise<string> {
  const { title, capacity, registrationOpen = true } = options;
  const regions = await admin.request<{ results: { documentId: string }[] }>(
    'GET',
    `${collection('region')}?locale=sl`,
  );
  const region = regions.body.results[0].documentId;
  const created = await admin.request<{ data: { documentId: string } }>('POST', `${collection('workshop')}?locale=sl`, {
    title,
    startsAt: new Date(Date.now() + 10 * DAY_MS).toISOString(),
    city: 'Koper',
    description: 'Delavnica o **upravljanju** mestnih središč.',
    eventStatus: 'planned',
    capacity,
    registrationOpen,
    region: { connect: [{ documentId: region, locale: 'sl' }] },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { documentId } = created.body.data;
  const english = await admin.request('PUT', `${collection('workshop')}/${documentId}?locale=en`, {
    title: `${title} (EN)`,
    city: 'Koper',
    region: { connect: [{ documentId: region, locale: 'en' }] },
  });
  expect(english.status, JSON.stringify(english.body)).toBe(200);
  for (const locale of ['sl', 'en']) {
    const published = await admin.request(
      'POST',
      `${collection('workshop')}/${documentId}/actions/publish?locale=${locale}`,
      {},
    );
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  }
  return documentId;
}
