/**
 * The staff's side of workshop registrations over the admin API, on one real Strapi (SQLite)
 * with a real SMTP server: counts against capacity, the CSV export for Excel, giving a place from
 * the waiting list by hand (even over capacity), cancelling with the mails and the freed place
 * going to the waiting list, closing registration (the public flow refuses at once and the
 * rebuild webhook is told), the role checks, a read-only Content Manager, and no public API.
 * Registrations are written straight into the database, as the public flow would leave them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_EDITOR } from '../../scripts/lib/demo-logins.ts';
import { cancelToken, hashToken, newDocumentId } from '../../cms/src/registration/tokens';
import { REGISTRATION_ACTIONS, PERMISSION_MESSAGES } from '../../cms/src/registration-admin/permissions';
import { READ_ONLY_MESSAGE } from '../../cms/src/registration-admin/read-only-content-manager';
import { adminSession, collection, type AdminSession } from '../helpers/admin-api';
import { publishedWorkshop as publishWorkshop } from '../helpers/workshops';
import { startTestCms, type TestCms } from '../helpers/cms';
import { startMailbox, type Mailbox } from '../helpers/mailbox';
import { webhookRecorder, type WebhookRecorder } from '../helpers/webhook-recorder';

const DAY_MS = 24 * 60 * 60 * 1000;
const CAPACITY = 2;
const BOM = [0xef, 0xbb, 0xbf];
const CSV_HEADER = 'Ime;E-pošta;Organizacija;Občina ali vloga;Stanje;Prijavljen;Potrjen;Jezik';

interface Counts {
  pending: number;
  confirmed: number;
  waiting: number;
  cancelled: number;
}
interface WorkshopSummary {
  documentId: string;
  title: string;
  capacity: number | null;
  registrationOpen: boolean;
  counts: Counts;
}
interface Registration {
  id: number;
  email: string | null;
  state: string;
}
interface Detail {
  workshop: WorkshopSummary;
  registrations: Registration[];
}

/** A visitor as the public flow would have stored them. */
interface Visitor {
  key: string;
  name: string;
  state: 'pending' | 'confirmed' | 'waiting' | 'cancelled';
  language?: 'sl' | 'en';
  organisation?: string;
  role?: string;
}

const VISITORS: Visitor[] = [
  { key: 'spela', name: 'Špela Čebašek Žužek', state: 'confirmed', organisation: 'Občina Šentjur', role: 'županja' },
  { key: 'bojan', name: 'Bojan "Bo" Novak; ml.', state: 'confirmed', language: 'en', role: '=HYPERLINK("x")' },
  { key: 'cene', name: 'Cene Prvi', state: 'waiting' },
  { key: 'dusan', name: 'Dušan Drugi', state: 'waiting', organisation: '+386 5 000 00 00' },
  { key: 'eva', name: 'Eva Nepotrjena', state: 'pending' },
  { key: 'franc', name: 'Franc Odjavljeni', state: 'cancelled' },
];
const emailOf = (key: string) => `${key}@prijave.test`;

let mailbox: Mailbox;
let recorder: WebhookRecorder;
let cms: TestCms;
let admin: AdminSession;
let workshopId: string;
const ids = new Map<string, number>();

/** A workshop in both languages, published, with registration open, starting in ten days. */
const publishedWorkshop = (title: string) => publishWorkshop(admin, { title, capacity: CAPACITY });

/**
 * The visitors' rows written into Strapi's SQLite database, with the cancel link's hash the
 * public flow stores (derived from the server's first app key), a minute apart in list order.
 */
function storeVisitors(workshopDocumentId: string): void {
  const database = new DatabaseSync(path.join(cms.dataDir, 'strapi.db'));
  const key = String(cms.env.APP_KEYS).split(',')[0];
  const insert = database.prepare(
    `INSERT INTO registrations (document_id, workshop_document_id, language, name, email, organisation, role, state,
       consent_text, consent_at, cancel_token_hash, confirmed_at, waiting_since, cancelled_at, created_at, updated_at)
     VALUES (@documentId, @workshop, @language, @name, @email, @organisation, @role, @state,
       'Soglašam.', @at, @cancelHash, @confirmedAt, @waitingSince, @cancelledAt, @at, @at)`,
  );
  const start = Date.now() - DAY_MS;
  VISITORS.forEach((visitor, index) => {
    const at = start + index * 60_000;
    const documentId = newDocumentId();
    const { lastInsertRowid } = insert.run({
      documentId,
      workshop: workshopDocumentId,
      language: visitor.language ?? 'sl',
      name: visitor.name,
      email: emailOf(visitor.key),
      organisation: visitor.organisation ?? null,
      role: visitor.role ?? null,
      state: visitor.state,
      at,
      cancelHash: hashToken(cancelToken(key, documentId, new Date(at).toISOString())),
      confirmedAt: visitor.state === 'confirmed' ? at : null,
      waitingSince: visitor.state === 'waiting' ? at : null,
      cancelledAt: visitor.state === 'cancelled' ? at : null,
    });
    ids.set(visitor.key, Number(lastInsertRowid));
  });
  database.close();
}

const workshopPath = () => `/registrations/workshops/${workshopId}`;
const registrationPath = (key: string, action: string) => `${workshopPath()}/registrations/${ids.get(key)}/${action}`;
const detail = async (session = admin) => (await session.request<{ data: Detail }>('GET', workshopPath())).body.data;
const stateOf = (data: Detail, key: string) => data.registrations.find((row) => row.id === ids.get(key))?.state;

beforeAll(async () => {
  [mailbox, recorder] = await Promise.all([startMailbox(), webhookRecorder()]);
  cms = await startTestCms({
    env: {
      SITE_URL: 'https://www.koper-otok.test',
      ...mailbox.env,
      ...recorder.env,
    },
  });
  admin = await adminSession(cms.url, DEMO_ADMIN);
  workshopId = await publishedWorkshop('Delavnica Šoštanj: čiščenje žlebov');
  storeVisitors(workshopId);
}, 120_000);

afterAll(async () => {
  await cms?.dispose();
  await mailbox?.close();
  await recorder?.close();
});

describe('the registrations page over the admin API', () => {
  it('lists the workshop with its Slovenian title, capacity and counts per state', async () => {
    const { status, body } = await admin.request<{ data: WorkshopSummary[] }>('GET', '/registrations/workshops');
    expect(status).toBe(200);
    expect(body.data.find((workshop) => workshop.documentId === workshopId)).toMatchObject({
      title: 'Delavnica Šoštanj: čiščenje žlebov',
      capacity: CAPACITY,
      registrationOpen: true,
      counts: { confirmed: 2, waiting: 2, pending: 1, cancelled: 1 },
    });
  });

  it("shows one workshop's registrations, confirmed first, then the waiting list in order, without link hashes", async () => {
    const { status, body } = await admin.request<{ data: Detail }>('GET', workshopPath());
    expect(status).toBe(200);
    expect(body.data.registrations.map((row) => row.email)).toEqual(VISITORS.map((visitor) => emailOf(visitor.key)));
    expect(JSON.stringify(body)).not.toMatch(/TokenHash|consentText/);
  });

  it('exports a CSV for Excel: BOM, Slovenian headers, CRLF, č š ž intact, formulas defused', async () => {
    const response = await fetch(`${cms.url}${workshopPath()}/export.csv`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="prijave-.+\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toHaveLength(VISITORS.length + 2); // the header, the rows, and the final line end
    expect(lines.at(-1)).toBe('');
    expect(lines[1]).toMatch(
      /^Špela Čebašek Žužek;spela@prijave\.test;Občina Šentjur;županja;Potrjena;\d{4}-\d\d-\d\d \d\d:\d\d;/,
    );
    expect(lines[1]).toMatch(/;slovenščina$/);
    expect(lines[2]).toMatch(
      /^"Bojan ""Bo"" Novak; ml\.";bojan@prijave\.test;;"'=HYPERLINK\(""x""\)";Potrjena;.*;angleščina$/,
    );
    expect(lines[4]).toMatch(/^Dušan Drugi;dusan@prijave\.test;'\+386 5 000 00 00;;Na čakalni listi;/);
    expect(lines.slice(3, 7).map((line) => line.split(';')[4])).toEqual([
      'Na čakalni listi',
      'Na čakalni listi',
      'Čaka na potrditev',
      'Odjavljena',
    ]);
  });

  it('gives the second on the waiting list a place by hand over capacity, and mails them', async () => {
    const webhookCalls = recorder.calls.length;
    const { status, body } = await admin.request<{ data: { mailed: boolean } }>(
      'POST',
      registrationPath('dusan', 'move-up'),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.data.mailed).toBe(true);
    const mail = await mailbox.next(emailOf('dusan'));
    expect(mail.mail.subject).toBe('Sprostilo se je mesto: Delavnica Šoštanj: čiščenje žlebov');
    // One place fewer on the workshop's page: the rebuild service hears of it.
    await expect
      .poll(() => recorder.calls.slice(webhookCalls), { timeout: 10_000 })
      .toEqual(expect.arrayContaining([{ event: 'entry.publish', documentId: workshopId, locale: 'sl' }]));
    const after = await detail();
    expect(after.workshop.counts).toMatchObject({ confirmed: 3, waiting: 1 });
    expect(stateOf(after, 'cene')).toBe('waiting');
  });

  it('refuses to move up someone who is not on the waiting list', async () => {
    const { status } = await admin.request('POST', registrationPath('eva', 'move-up'));
    expect(status).toBe(400);
    expect(stateOf(await detail(), 'eva')).toBe('pending');
  });

  it('cancels with a mail; a freed place below capacity goes to the first on the waiting list', async () => {
    const first = await admin.request<{ data: { mailed: boolean } }>('POST', registrationPath('spela', 'cancel'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data.mailed).toBe(true);
    expect((await mailbox.next(emailOf('spela'))).mail.subject).toBe(
      'Prijava odjavljena: Delavnica Šoštanj: čiščenje žlebov',
    );
    // Still two confirmed for two places: nobody moves up.
    expect(stateOf(await detail(), 'cene')).toBe('waiting');

    const second = await admin.request('POST', registrationPath('bojan', 'cancel'));
    expect(second.status).toBe(200);
    expect((await mailbox.next(emailOf('bojan'))).mail.subject).toBe(
      'Registration cancelled: Delavnica Šoštanj: čiščenje žlebov (EN)',
    );
    expect((await mailbox.next(emailOf('cene'))).mail.subject).toBe(
      'Sprostilo se je mesto: Delavnica Šoštanj: čiščenje žlebov',
    );
    const after = await detail();
    expect(after.workshop.counts).toEqual({ confirmed: 2, waiting: 0, pending: 1, cancelled: 3 });
    expect((await admin.request('POST', registrationPath('spela', 'cancel'))).status).toBe(400);
  });

  it('closes registration: the public flow refuses at once and the rebuild webhook hears of it', async () => {
    const before = recorder.calls.length;
    const { status, body } = await admin.request<{ data: { changed: boolean; workshop: WorkshopSummary } }>(
      'POST',
      `${workshopPath()}/close`,
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.data).toMatchObject({ changed: true, workshop: { registrationOpen: false } });
    const places = await cms.rest<{ open: boolean }>('GET', `/api/registrations/places?workshop=${workshopId}`);
    expect(places.body.open).toBe(false);
    const draft = await admin.request<{ data: { registrationOpen: boolean } }>(
      'GET',
      `${collection('workshop')}/${workshopId}?locale=en`,
    );
    expect(draft.body.data.registrationOpen).toBe(false);
    await expect
      .poll(() => recorder.calls.slice(before), { timeout: 10_000 })
      .toEqual(
        expect.arrayContaining([
          { event: 'entry.publish', documentId: workshopId, locale: 'sl' },
          { event: 'entry.publish', documentId: workshopId, locale: 'en' },
        ]),
      );
    const again = await admin.request<{ data: { changed: boolean } }>('POST', `${workshopPath()}/close`);
    expect(again.body.data.changed).toBe(false);
  });
});

describe('who may see and manage registrations', () => {
  it('lets the Editor role see them', async () => {
    const editor = await adminSession(cms.url, DEMO_EDITOR);
    expect((await editor.request('GET', '/registrations/workshops')).status).toBe(200);
    // Not in the Content Manager: the raw type is not the Editor's.
    expect((await editor.request('GET', collection('registration'))).status).toBe(403);
  });

  it('refuses a role without the permission (403), and one that may only read may not act', async () => {
    const role = await admin.request<{ data: { id: number } }>('POST', '/admin/roles', {
      name: 'Brez prijav',
      description: 'Test role without registration permissions',
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const invited = await admin.request<{ data: { registrationToken: string } }>('POST', '/admin/users', {
      firstname: 'Zunanji',
      lastname: 'Sodelavec',
      email: 'zunanji@koper-otok.test',
      roles: [role.body.data.id],
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const login = { email: 'zunanji@koper-otok.test', password: 'Zunanji-sodelavec-2026' };
    const registered = await fetch(`${cms.url}/admin/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        registrationToken: invited.body.data.registrationToken,
        userInfo: { firstname: 'Zunanji', lastname: 'Sodelavec', password: login.password },
      }),
    });
    expect(registered.status).toBe(200);
    const outsider = await adminSession(cms.url, login);

    const refused = await outsider.request<{ error: { message: string } }>('GET', '/registrations/workshops');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(PERMISSION_MESSAGES.read);
    for (const route of [workshopPath(), `${workshopPath()}/export.csv`])
      expect((await outsider.request('GET', route)).status, route).toBe(403);

    const granted = await admin.request('PUT', `/admin/roles/${role.body.data.id}/permissions`, {
      permissions: [{ action: REGISTRATION_ACTIONS.read, subject: null, properties: {}, conditions: [] }],
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    expect((await outsider.request('GET', workshopPath())).status).toBe(200);
    for (const route of [registrationPath('eva', 'cancel'), `${workshopPath()}/close`])
      expect((await outsider.request('POST', route)).status, route).toBe(403);
    expect(stateOf(await detail(), 'eva')).toBe('pending');
  });

  it('refuses anyone not logged in', async () => {
    expect((await cms.rest('GET', '/registrations/workshops')).status).toBe(401);
    expect((await cms.rest('POST', `${workshopPath()}/close`)).status).toBe(401);
  });

  it('keeps the Content Manager read-only, even for the Super Admin', async () => {
    const list = await admin.request<{ results: { documentId: string }[] }>('GET', collection('registration'));
    expect(list.status).toBe(200);
    const edited = await admin.request<{ error: { message: string } }>(
      'PUT',
      `${collection('registration')}/${list.body.results[0].documentId}`,
      { state: 'confirmed' },
    );
    expect(edited.status).toBe(403);
    expect(edited.body.error.message).toBe(READ_ONLY_MESSAGE);
    const created = await admin.request('POST', collection('registration'), {
      workshopDocumentId: workshopId,
      email: 'vrinjen@prijave.test',
      state: 'confirmed',
    });
    expect(created.status).toBe(403);
  });
});

describe('the public API', () => {
  it('exposes no registration over REST, even to the build token', async () => {
    const buildToken = readFileSync(cms.tokenFile, 'utf8').trim();
    for (const token of [undefined, buildToken]) {
      for (const route of ['/api/registrations', `/api/registrations/${ids.get('eva')}`]) {
        const { status, body } = await cms.rest('GET', route, undefined, token);
        expect([403, 404, 405], `${route} ${status}`).toContain(status);
        expect(JSON.stringify(body)).not.toContain('@prijave.test');
      }
    }
  });

  it('has no registration in GraphQL', async () => {
    const { body } = await cms.graphql('{ registrations { documentId email } }');
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0].message).toMatch(/Cannot query field "registrations"/);
  });
});

describe('when the mail server is down', () => {
  it('still cancels, and tells staff that the person was not e-mailed', async () => {
    await mailbox.close();
    const { status, body } = await admin.request<{ data: { mailed: boolean } }>(
      'POST',
      registrationPath('dusan', 'cancel'),
    );
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.data.mailed).toBe(false);
    expect(stateOf(await detail(), 'dusan')).toBe('cancelled');
  });
});
