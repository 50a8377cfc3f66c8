/**
 * Workshop registrations end to end, on SQLite and on PostgreSQL: a real Strapi, a real SMTP
 * server (tests/helpers/mailbox.ts) and workshops created and published through Strapi's admin
 * API. A visitor submits the form, receives the mail in their language, confirms with its link
 * and gets the calendar file; a full workshop puts the next one on the waiting list; cancelling
 * through the cancel link's form moves the first waiting up and tells them. Expired links, refused
 * forms (nothing stored) and 100 confirmations at once for 20 places (exactly 20 confirmed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationOutcomePath, type Locale } from '@koper-otok/content-types';
import { DEMO_ADMIN } from '../../scripts/lib/demo-logins.ts';
import { adminSession, collection, type AdminSession } from '../helpers/admin-api';
import { publishedWorkshop as publishWorkshop } from '../helpers/workshops';
import { startTestCms, type TestCms } from '../helpers/cms';
import { databaseQuery, postgresDatabase, sqliteDatabase, type TestDatabase } from '../helpers/databases';
import { linksOf, startMailbox, type Mailbox } from '../helpers/mailbox';
import { webhookRecorder, type WebhookRecorder } from '../helpers/webhook-recorder';
import { REGISTRATION_TEST_ENV, withProof } from '../helpers/registration-proof';

const SITE_URL = 'https://www.koper-otok.test';

interface Places {
  open: boolean;
  capacity: number | null;
  confirmed: number;
  waiting: number;
  placesLeft: number | null;
}

interface StoredRegistration {
  documentId: string;
  email: string | null;
  name: string | null;
  state: string;
  consentText: string | null;
  confirmBy: string;
  anonymisedAt: string | null;
}

const outcomeUrl = (language: Locale, outcome: Parameters<typeof registrationOutcomePath>[1]) =>
  new URL(registrationOutcomePath(language, outcome), SITE_URL).href;

describe.each([
  { label: 'SQLite', database: sqliteDatabase },
  { label: 'PostgreSQL', database: postgresDatabase },
])('workshop registrations on $label', ({ database }) => {
  let db: TestDatabase;
  let mailbox: Mailbox;
  let recorder: WebhookRecorder;
  let cms: TestCms;
  let admin: AdminSession;

  beforeAll(async () => {
    db = await database();
    [mailbox, recorder] = await Promise.all([startMailbox(), webhookRecorder()]);
    cms = await startTestCms({
      env: {
        ...db.env,
        ...REGISTRATION_TEST_ENV,
        SITE_URL,
        ...mailbox.env,
        ...recorder.env,
      },
    });
    admin = await adminSession(cms.url, DEMO_ADMIN);
  });
  afterAll(async () => {
    await cms?.dispose();
    await mailbox?.close();
    await recorder?.close();
    await db?.dispose();
  });

  const publishedWorkshop = (title: string, capacity: number, registrationOpen = true) =>
    publishWorkshop(admin, { title, capacity, registrationOpen });

  const form = (workshop: string, email: string, language: Locale = 'sl') => ({
    workshop,
    language,
    name: 'Ana Novak',
    email,
    organisation: 'Mestna občina Koper',
    role: 'Vodja projektov',
    consent: 'yes',
  });

  /** The form posted as a browser posts it (with the site script's proof of work), without following the redirect. */
  const submit = async (fields: Record<string, string>) =>
    fetch(`${cms.url}/api/registrations`, {
      method: 'POST',
      body: new URLSearchParams(await withProof(cms.url, fields)),
      redirect: 'manual',
    });

  const open = (link: string, init: RequestInit = {}) => fetch(link, { ...init, redirect: 'manual' });

  const places = async (workshop: string): Promise<Places> =>
    (await fetch(`${cms.url}/api/registrations/places?workshop=${workshop}`)).json() as Promise<Places>;

  const stored = async (workshop: string): Promise<StoredRegistration[]> =>
    (
      await admin.request<{ results: StoredRegistration[] }>(
        'GET',
        `${collection('registration')}?pageSize=200&filters[workshopDocumentId][$eq]=${workshop}`,
      )
    ).body.results;

  /** Submits and confirms one registration; returns its cancel link and the confirmation's outcome page. */
  async function register(workshop: string, email: string, language: Locale = 'sl') {
    const sent = await submit(form(workshop, email, language));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(outcomeUrl(language, 'sent'));
    const request = await mailbox.next(email);
    const { confirm } = linksOf(request.mail.text ?? '');
    const confirmed = await open(confirm!);
    expect(confirmed.status).toBe(303);
    return { location: confirmed.headers.get('location'), request };
  }

  it("submit, mail in the visitor's language, confirm: the place is taken and the mail carries the calendar file", async () => {
    const workshop = await publishedWorkshop('Delavnica v Kopru', 2);
    expect(await places(workshop)).toEqual({ open: true, capacity: 2, confirmed: 0, waiting: 0, placesLeft: 2 });

    const started = Date.now();
    const sent = await submit(form(workshop, '  Ana.Novak@Example.COM ', 'en'));
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(outcomeUrl('en', 'sent'));
    const request = await mailbox.next('ana.novak@example.com');
    console.log(`registration: submit to confirmation mail received in ${request.receivedAt - started} ms`);

    expect(request.mail.subject).toBe('Confirm your registration: Delavnica v Kopru (EN)');
    expect(request.mail.text).toContain('within 48 hours');
    expect(request.mail.html).toContain('<html lang="en">');
    const links = linksOf(request.mail.text ?? '');
    expect(request.mail.html).toContain(links.confirm!.replaceAll('&', '&amp;'));
    expect(request.mail.html).toContain(links.cancel);

    const [row] = await stored(workshop);
    expect(row).toMatchObject({ email: 'ana.novak@example.com', state: 'pending', name: 'Ana Novak' });
    expect(row.consentText).toMatch(/^I agree that Zavod Koper Otok processes/);

    const webhookCalls = recorder.calls.length;
    const confirmed = await open(links.confirm!);
    expect(confirmed.status).toBe(303);
    // One place fewer: the rebuild service hears of the workshop, as after a publish.
    await expect
      .poll(() => recorder.calls.slice(webhookCalls), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([{ event: 'entry.publish', documentId: workshop, locale: 'sl' }]));
    expect(confirmed.headers.get('location')).toBe(outcomeUrl('en', 'confirmed'));
    const mail = (await mailbox.next('ana.novak@example.com', 1)).mail;
    expect(mail.subject).toBe('Registration confirmed: Delavnica v Kopru (EN)');
    expect(linksOf(mail.text ?? '').cancel).toBe(links.cancel);
    const calendar = mail.attachments.find((attachment) => attachment.filename?.endsWith('.ics'));
    expect(calendar?.contentType).toBe('text/calendar');
    const ics = calendar!.content.toString('utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('SUMMARY:Delavnica v Kopru (EN)');
    expect(ics).toContain(`UID:${workshop}-en@www.koper-otok.test`);

    // The link opened again changes nothing and says where the registration stands.
    expect((await open(links.confirm!)).headers.get('location')).toBe(outcomeUrl('en', 'confirmed'));
    expect(await places(workshop)).toMatchObject({ confirmed: 1, waiting: 0, placesLeft: 1 });
  });

  it("puts the next one on the waiting list when full; a cancellation through the link's form moves the first waiting up and tells them", async () => {
    const workshop = await publishedWorkshop('Delavnica v Izoli', 1);
    const first = await register(workshop, 'prva@example.com');
    expect(first.location).toBe(outcomeUrl('sl', 'confirmed'));
    const second = await register(workshop, 'druga@example.com');
    expect(second.location).toBe(outcomeUrl('sl', 'waiting'));
    const waitingMail = (await mailbox.next('druga@example.com', 1)).mail;
    expect(waitingMail.subject).toBe('Na čakalni listi: Delavnica v Izoli');
    const third = await register(workshop, 'tretja@example.com');
    expect(third.location).toBe(outcomeUrl('sl', 'waiting'));
    expect(await places(workshop)).toMatchObject({ confirmed: 1, waiting: 2, placesLeft: 0 });

    // Submitting again while confirmed: the same answer on the page, a mail saying where they stand.
    expect((await submit(form(workshop, 'prva@example.com'))).headers.get('location')).toBe(outcomeUrl('sl', 'sent'));
    expect((await mailbox.next('prva@example.com', 2)).mail.subject).toBe('Prijava potrjena: Delavnica v Izoli');

    const { cancel } = linksOf(first.request.mail.text ?? '');
    const page = await open(cancel);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<html lang="sl">');
    expect(html).toContain('»Delavnica v Izoli');
    expect(html).not.toContain('<script');
    const token = new URL(cancel).searchParams.get('token')!;
    expect(html).toContain(`name="token" value="${token}"`);
    expect(html).toContain('action="cancel"');

    const cancelled = await open(new URL('cancel', cancel).href, {
      method: 'POST',
      body: new URLSearchParams({ token, erase: 'yes' }),
    });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe(outcomeUrl('sl', 'deleted'));
    expect((await mailbox.next('prva@example.com', 3)).mail.subject).toBe('Prijava odjavljena: Delavnica v Izoli');

    const movedUp = (await mailbox.next('druga@example.com', 2)).mail;
    expect(movedUp.subject).toBe('Sprostilo se je mesto: Delavnica v Izoli');
    expect(movedUp.attachments.some((attachment) => attachment.filename?.endsWith('.ics'))).toBe(true);
    expect(await places(workshop)).toMatchObject({ confirmed: 1, waiting: 1, placesLeft: 0 });

    const rows = await stored(workshop);
    expect(rows).toHaveLength(3); // the second form from prva@ changed no row
    const erased = rows.find((row) => row.state === 'cancelled')!;
    expect(erased).toMatchObject({ email: null, name: null });
    expect(erased.anonymisedAt).not.toBeNull();
    expect(rows.find((row) => row.email === 'druga@example.com')?.state).toBe('confirmed');
    expect(rows.find((row) => row.email === 'tretja@example.com')?.state).toBe('waiting');

    // The same cancel link again: nothing left to cancel.
    const again = await open(cancel);
    expect(again.headers.get('location')).toBe(outcomeUrl('sl', 'expired'));
  });

  it('refuses an expired or unknown confirmation link', async () => {
    const workshop = await publishedWorkshop('Delavnica v Piranu', 5);
    expect((await submit(form(workshop, 'pozna@example.com'))).status).toBe(303);
    const { confirm } = linksOf((await mailbox.next('pozna@example.com')).mail.text ?? '');
    const [row] = await stored(workshop);
    // Straight in the database: the admin keeps registrations read-only, and waiting 48 hours is no test.
    // Strapi keeps SQLite's datetimes as milliseconds.
    const expiredAt = new Date(Date.now() - 1000);
    const value = db.label === 'SQLite' ? String(expiredAt.getTime()) : `'${expiredAt.toISOString()}'`;
    await databaseQuery(
      db,
      cms.dataDir,
      `UPDATE registrations SET confirm_by = ${value} WHERE document_id = '${row.documentId}'`,
    );
    expect((await open(confirm!)).headers.get('location')).toBe(outcomeUrl('sl', 'expired'));
    expect((await open(`${cms.url}/api/registrations/confirm?token=nonsense`)).headers.get('location')).toBe(
      outcomeUrl('sl', 'expired'),
    );
    expect(await places(workshop)).toMatchObject({ confirmed: 0, waiting: 0 });

    // The same form sent twice at once is one registration.
    const twice = await Promise.all([1, 2].map(() => submit(form(workshop, 'dvakrat@example.com'))));
    expect(twice.map((response) => response.headers.get('location'))).toEqual([
      outcomeUrl('sl', 'sent'),
      outcomeUrl('sl', 'sent'),
    ]);
    expect((await stored(workshop)).filter((row) => row.email === 'dvakrat@example.com')).toHaveLength(1);
  });

  it('stores nothing for a refused form, and answers scripts with JSON in their language', async () => {
    const workshop = await publishedWorkshop('Delavnica v Postojni', 5);
    const closed = await publishedWorkshop('Zaprta delavnica', 5, false);
    const asJson = async (fields: Record<string, string>) =>
      fetch(`${cms.url}/api/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(await withProof(cms.url, fields)),
      });
    const invalid = await asJson({ ...form(workshop, 'not-an-address', 'en') });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      outcome: 'invalid',
      message: 'Some details are missing or wrong: enter your name and a valid e-mail address.',
    });
    const tooLong = await submit({ ...form(workshop, 'dolgo@example.com'), name: 'A'.repeat(121) });
    expect(tooLong.headers.get('location')).toBe(outcomeUrl('sl', 'invalid'));
    const { consent: _consent, ...withoutConsent } = form(workshop, 'brez@example.com');
    expect((await submit(withoutConsent)).headers.get('location')).toBe(outcomeUrl('sl', 'consent'));
    expect((await submit(form(closed, 'zaprta@example.com'))).headers.get('location')).toBe(outcomeUrl('sl', 'closed'));
    expect((await submit(form('no-such-workshop', 'nikjer@example.com'))).headers.get('location')).toBe(
      outcomeUrl('sl', 'closed'),
    );
    expect(await stored(workshop)).toEqual([]);
    expect(await stored(closed)).toEqual([]);
    expect(mailbox.count('dolgo@example.com') + mailbox.count('zaprta@example.com')).toBe(0);
    const ok = await asJson(form(workshop, 'json@example.com'));
    expect([ok.status, await ok.json()]).toEqual([200, { outcome: 'sent' }]);
  });

  it('confirms exactly as many as there are places when 100 open their links at once', async () => {
    const workshop = await publishedWorkshop('Delavnica v Ljubljani', 20);
    const emails = Array.from({ length: 100 }, (_, i) => `udelezenec${i}@example.com`);
    for (let i = 0; i < emails.length; i += 10) {
      const batch = await Promise.all(emails.slice(i, i + 10).map((email) => submit(form(workshop, email))));
      for (const response of batch) expect(response.headers.get('location')).toBe(outcomeUrl('sl', 'sent'));
    }
    const confirmLinks = await Promise.all(
      emails.map(async (email) => linksOf((await mailbox.next(email)).mail.text ?? '').confirm!),
    );
    const outcomes = await Promise.all(confirmLinks.map(async (link) => (await open(link)).headers.get('location')));
    const count = (outcome: 'confirmed' | 'waiting') =>
      outcomes.filter((location) => location === outcomeUrl('sl', outcome)).length;
    expect([count('confirmed'), count('waiting')]).toEqual([20, 80]);
    expect(await places(workshop)).toEqual({ open: true, capacity: 20, confirmed: 20, waiting: 80, placesLeft: 0 });
  });

  it('answers "unavailable" and keeps nothing when the mail server is down', async () => {
    const workshop = await publishedWorkshop('Delavnica v Novi Gorici', 5);
    await mailbox.close();
    const response = await fetch(`${cms.url}/api/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(await withProof(cms.url, form(workshop, 'brez-poste@example.com'))),
    });
    expect(response.status).toBe(503);
    expect((await response.json()).outcome).toBe('unavailable');
    expect(await stored(workshop)).toEqual([]);
  });

  it('keeps registrations out of the public API and GraphQL', async () => {
    expect((await fetch(`${cms.url}/api/registrations`)).status).toBe(404);
    const { body } = await cms.graphql('{ __type(name: "Registration") { name } }');
    expect(body.data?.__type ?? null).toBeNull();
    const queries = await cms.graphql('{ __schema { queryType { fields { name } } } }');
    const names: string[] = queries.body.data.__schema.queryType.fields.map((field: { name: string }) => field.name);
    expect(names.filter((name) => name.toLowerCase().includes('registration'))).toEqual([]);
  });
});
