/**
 * The registration form under abuse, on one real Strapi (SQLite): 1,000 bot submissions without
 * a proof, with a wrong one, with the honeypot filled, with a replayed proof of work or a replayed
 * ticket are all refused with the right outcome, a ticket posted too early gets its page again,
 * and not one row reaches `registrations`; the rate limits hold per client address and per e-mail address and
 * keep only keyed hashes. A proof of work solved with altcha-lib and a ticket posted after its
 * minimum age pass the guard. The daily retention run anonymises the registrations of long-past
 * workshops and keeps the others. The rules one by one: tests/unit/registration-guard.test.ts and
 * tests/unit/registration-retention.test.ts.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registrationOutcomePath } from '../../content-types/routes.js';
import { inParallel } from '../../scripts/lib/in-parallel.ts';
import { cmsDir } from '../../scripts/lib/paths.ts';
import { startTestCms, type TestCms } from '../helpers/cms';
import { solvedProof as solvedProofOf } from '../helpers/registration-proof';

const SITE_URL = 'https://www.koper-otok.test';
const TICKET_MIN_AGE_MS = 1_500;
const BOT_CONCURRENCY = 16;
const GUARD_OUTCOMES = new Set(['proof', 'rate-limited', 'invalid', 'unavailable']);

type Fields = Record<string, string>;
interface Answer {
  status: number;
  outcome?: string;
  location?: string | null;
  html?: string;
}

let cms: TestCms;
let workshop: string;
let addressCounter = 0;

/** Each bot its own client address (Strapi trusts X-Forwarded-For here, IS_PROXIED), unless given one. */
const nextAddress = () => `198.51.${Math.floor(++addressCounter / 250) % 250}.${addressCounter % 250}`;

const form = (overrides: Fields = {}): Fields => ({
  workshop,
  language: 'sl',
  name: 'Ana Novak',
  email: `ana.${addressCounter}@example.si`,
  organisation: 'Zavod',
  role: 'vodja',
  consent: 'yes',
  website: '',
  ...overrides,
});

/** Posts as a script that asks for JSON, or as a plain HTML form (urlencoded, no redirect followed). */
async function post(fields: Fields, as: 'json' | 'form', address = nextAddress()): Promise<Answer> {
  const json = as === 'json';
  const response = await fetch(`${cms.url}/api/registrations`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'x-forwarded-for': address,
      accept: json ? 'application/json' : 'text/html',
      'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
    },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    outcome: isJson ? JSON.parse(text).outcome : undefined,
    location: response.headers.get('location'),
    html: isJson ? undefined : text,
  };
}

const solvedProof = () => solvedProofOf(cms.url);

/** The form without JavaScript: the first post answers the "one more step" page with the ticket. */
async function ticketFor(fields: Fields, address?: string): Promise<string> {
  const answer = await post(fields, 'form', address);
  expect(answer.status).toBe(200);
  const ticket = /name="ticket" value="([^"]+)"/.exec(answer.html ?? '')?.[1];
  expect(ticket).toBeTruthy();
  return ticket!;
}

/** The same payload in other JSON: the number as text, indented. */
const respelt = (payload: string) => {
  const decoded = JSON.parse(Buffer.from(payload, 'base64').toString());
  return Buffer.from(JSON.stringify({ ...decoded, number: String(decoded.number) }, null, 1)).toString('base64');
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// better-sqlite3 is Strapi's driver, a dependency of cms/; the test borrows it.
function withDatabase<R>(use: (sqlite: Sqlite) => R, readonly = true): R {
  const Sqlite = createRequire(path.join(cmsDir, 'package.json'))('better-sqlite3') as new (
    file: string,
    options: { readonly: boolean },
  ) => Sqlite;
  const sqlite = new Sqlite(path.join(cms.dataDir, 'strapi.db'), { readonly });
  try {
    return use(sqlite);
  } finally {
    sqlite.close();
  }
}
interface Sqlite {
  prepare(sql: string): { all(...bindings: unknown[]): unknown[]; run(...bindings: unknown[]): unknown };
  close(): void;
}
const queryDatabase = <T>(sql: string, ...bindings: unknown[]): T[] =>
  withDatabase((sqlite) => sqlite.prepare(sql).all(...bindings) as T[]);

const registrationCount = () =>
  queryDatabase<{ count: number }>('SELECT COUNT(*) AS count FROM registrations')[0].count;

beforeAll(async () => {
  cms = await startTestCms({
    env: {
      SITE_URL,
      IS_PROXIED: 'true',
      REGISTRATION_POW_MAX_NUMBER: '2000',
      REGISTRATION_TICKET_MIN_AGE_MS: String(TICKET_MIN_AGE_MS),
      REGISTRATION_RETENTION_CHECK_SECONDS: '0.5',
    },
  });
  const { body } = await cms.graphql<{ workshops: { documentId: string }[] }>(
    '{ workshops(locale: "sl", pagination: { limit: 1 }) { documentId } }',
  );
  workshop = body.data!.workshops[0].documentId;
}, 180_000);

afterAll(async () => {
  await cms?.dispose();
});

describe('1,000 bot submissions', () => {
  it('are all refused with the right outcome, and none is stored', async () => {
    // Proofs a bot got hold of legitimately once, then replays.
    const replayedProof = await solvedProof();
    expect(GUARD_OUTCOMES.has((await post(form({ altcha: replayedProof }), 'json')).outcome!)).toBe(false);
    const ticketAddress = nextAddress();
    const ticketFields = form();
    const replayedTicket = await ticketFor(ticketFields, ticketAddress);
    await sleep(TICKET_MIN_AGE_MS);
    const firstUse = await post({ ...ticketFields, ticket: replayedTicket }, 'form', ticketAddress);
    expect(firstUse.status).toBe(303);
    expect(firstUse.location).not.toContain(registrationOutcomePath('sl', 'proof'));

    const forged = Buffer.from(
      JSON.stringify({ algorithm: 'SHA-256', challenge: 'x', number: 1, salt: 'y', signature: 'z' }),
    );
    const bots: { kind: string; send: () => Promise<Answer>; expected: (answer: Answer) => void }[] = [];
    const refusedAsJson = (answer: Answer) => expect([answer.status, answer.outcome]).toEqual([403, 'proof']);
    const refusedAsForm = (answer: Answer) =>
      expect([answer.status, answer.location]).toEqual([303, `${SITE_URL}${registrationOutcomePath('en', 'proof')}`]);
    const add = (count: number, kind: string, send: () => Promise<Answer>, expected = refusedAsJson) => {
      for (let i = 0; i < count; i++) bots.push({ kind, send, expected });
    };
    add(200, 'no proof (script)', () => post(form(), 'json'));
    add(100, 'wrong proof', () => post(form({ altcha: forged.toString('base64') }), 'json'));
    add(100, 'wrong proof (garbage)', () => post(form({ altcha: 'x'.repeat(64) }), 'json'));
    add(50, 'forged ticket', () => post(form({ ticket: `${Date.now() - 60_000}.abc.def` }), 'json'));
    add(150, 'honeypot filled', () => post(form({ website: 'http://spam.example', altcha: replayedProof }), 'json'));
    add(100, 'honeypot filled (form)', () => post(form({ language: 'en', website: 'x' }), 'form'), refusedAsForm);
    add(100, 'replayed proof of work', () => post(form({ altcha: replayedProof }), 'json'));
    add(50, 'replayed proof of work, spelt anew', () => post(form({ altcha: respelt(replayedProof) }), 'json'));
    add(
      100,
      'replayed ticket',
      () => post({ ...ticketFields, ticket: replayedTicket }, 'form', ticketAddress),
      (answer) =>
        expect([answer.status, answer.location]).toEqual([303, `${SITE_URL}${registrationOutcomePath('sl', 'proof')}`]),
    );
    // The page again with the same ticket and a line to wait: a person clicking at once loses nothing.
    const askedToWait = (ticket: string) => (answer: Answer) => {
      expect(answer.status).toBe(200);
      expect(answer.html).toContain('Please wait a few seconds');
      expect(answer.html).toContain(`name="ticket" value="${ticket}"`);
    };
    for (let i = 0; i < 50; i++) {
      let ticket = '';
      bots.push({
        kind: 'ticket posted at once',
        send: async () => {
          const fields = form({ language: 'en' });
          const address = nextAddress();
          ticket = await ticketFor(fields, address);
          return post({ ...fields, ticket }, 'form', address);
        },
        expected: (answer) => askedToWait(ticket)(answer),
      });
    }
    expect(bots).toHaveLength(1_000);

    const started = performance.now();
    const answers: { kind: string; answer: Answer }[] = [];
    await inParallel(bots, BOT_CONCURRENCY, async (bot) => {
      const answer = await bot.send();
      answers.push({ kind: bot.kind, answer });
      bot.expected(answer);
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `registration-abuse: 1,000 bot submissions refused in ${seconds.toFixed(1)} s (${BOT_CONCURRENCY} at a time)`,
    );

    expect(answers).toHaveLength(1_000);
    // The two that passed reached a demo workshop that is over, so they stored nothing either.
    expect(registrationCount()).toBe(0);
    // Bots without a valid proof never reach the rate limits: their requests write nothing.
    const counters = queryDatabase<{ scope: string; key_hash: string; attempts: number }>(
      'SELECT scope, key_hash, attempts FROM registration_attempts',
    );
    expect(counters.map((counter) => [counter.scope, counter.attempts]).sort()).toEqual([
      ['address', 1],
      ['address', 1],
      ['email', 1],
      ['email', 1],
    ]);
  });

  it('a form without JavaScript gets the "one more step" page, and nothing is stored', async () => {
    const before = registrationCount();
    const answer = await post(form({ name: '<b>Ana</b>' }), 'form');
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('<h1>Še en korak</h1>');
    expect(answer.html).toContain('&lt;b&gt;Ana&lt;/b&gt;');
    expect(answer.html).not.toContain('<b>Ana</b>');
    expect(registrationCount()).toBe(before);
  });
});

describe('what passes the guard', () => {
  it('the challenge is fresh each time, never cached, as hard as REGISTRATION_POW_MAX_NUMBER says', async () => {
    const [first, second] = await Promise.all([1, 2].map(() => fetch(`${cms.url}/api/registrations/challenge`)));
    expect(first.headers.get('cache-control')).toBe('no-store');
    const [a, b] = await Promise.all([first.json(), second.json()]);
    expect(a).toMatchObject({ algorithm: 'SHA-256', maxnumber: 2_000 });
    expect(a.salt).toMatch(/\?expires=\d+&$/);
    expect(a.challenge).not.toBe(b.challenge);
  });

  it('a proof of work solved with altcha-lib', async () => {
    const answer = await post(form({ altcha: await solvedProof() }), 'json');
    expect(GUARD_OUTCOMES.has(answer.outcome!), answer.outcome).toBe(false);
  });

  it('a ticket posted after its minimum age', async () => {
    const address = nextAddress();
    const fields = form({ language: 'en' });
    const ticket = await ticketFor(fields, address);
    await sleep(TICKET_MIN_AGE_MS);
    const answer = await post({ ...fields, ticket }, 'json', address);
    expect(GUARD_OUTCOMES.has(answer.outcome!), answer.outcome).toBe(false);
  });
});

describe('rate limits', () => {
  it('allow 10 attempts per client address and 3 per e-mail address, then refuse', async () => {
    const address = '203.0.113.9';
    const fromOneAddress: string[] = [];
    for (let i = 0; i < 11; i++)
      fromOneAddress.push(
        (await post(form({ email: `limit.${i}@example.si`, altcha: await solvedProof() }), 'json', address)).outcome!,
      );
    expect(fromOneAddress.slice(0, 10).filter((outcome) => GUARD_OUTCOMES.has(outcome))).toEqual([]);
    expect(fromOneAddress[10]).toBe('rate-limited');

    const oneEmail: string[] = [];
    for (let i = 0; i < 4; i++)
      oneEmail.push((await post(form({ email: ' Limit@Example.si', altcha: await solvedProof() }), 'json')).outcome!);
    expect(oneEmail.slice(0, 3).filter((outcome) => GUARD_OUTCOMES.has(outcome))).toEqual([]);
    expect(oneEmail[3]).toBe('rate-limited');
  });

  it('keep keyed hashes only, never an address in clear', () => {
    const rows = queryDatabase<Record<string, unknown>>('SELECT * FROM registration_attempts');
    expect(rows.length).toBeGreaterThan(0);
    const stored = JSON.stringify(rows);
    for (const clear of ['203.0.113.9', '198.51.', 'example.si', 'limit@', '@']) expect(stored).not.toContain(clear);
    expect(JSON.stringify(queryDatabase('SELECT * FROM registration_used_proofs'))).not.toMatch(/SHA-256|salt/);
  });
});

describe('retention', () => {
  const DAY_MS = 24 * 60 * 60_000;
  const PERSONAL = ['name', 'email', 'organisation', 'role', 'confirm_token_hash', 'cancel_token_hash'];

  /** A registration written straight into the table, as if it had been made `daysAgo` days ago. */
  function insertRegistration(documentId: string, workshopDocumentId: string, daysAgo: number): void {
    const at = Date.now() - daysAgo * DAY_MS;
    withDatabase((sqlite) => {
      sqlite
        .prepare(
          'INSERT INTO registrations (document_id, workshop_document_id, language, name, email, organisation, role, ' +
            'state, consent_text, consent_at, confirm_token_hash, cancel_token_hash, created_at, updated_at, published_at) ' +
            "VALUES (?, ?, 'sl', 'Ana Novak', ?, 'Zavod', 'vodja', 'confirmed', 'Soglasje', ?, 'c', 'x', ?, ?, ?)",
        )
        .run(documentId, workshopDocumentId, `${documentId}@example.si`, at, at, at, at);
    }, false);
  }

  it("clears the personal data of long-past workshops' registrations once a day, keeping the rest", async () => {
    const { body } = await cms.graphql<{ dated: { documentId: string }[]; undated: { documentId: string }[] }>(
      `{ dated: workshops(locale: "sl", filters: { startsAt: { notNull: true } }) { documentId }
         undated: workshops(locale: "sl", filters: { startsAt: { null: true } }) { documentId } }`,
    );
    const [pastWorkshop] = body.data!.dated; // the demo's workshops were held in 2017
    const [undatedWorkshop] = body.data!.undated;
    insertRegistration('retention-past', pastWorkshop.documentId, 1);
    insertRegistration('retention-undated', undatedWorkshop.documentId, 400);
    insertRegistration('retention-deleted-old', 'a-deleted-workshop', 91);
    insertRegistration('retention-deleted-new', 'a-deleted-workshop', 30);
    // Today's run happened at start; a day passes.
    withDatabase((sqlite) => sqlite.prepare("UPDATE daily_task_runs SET last_day = '2000-01-01'").run(), false);

    const rows = () =>
      queryDatabase<Record<string, unknown>>(
        "SELECT * FROM registrations WHERE document_id LIKE 'retention-%' ORDER BY document_id",
      );
    const deadline = Date.now() + 10_000;
    while (rows().filter((row) => row.anonymised_at !== null).length < 2 && Date.now() < deadline) await sleep(200);

    const byId = Object.fromEntries(rows().map((row) => [row.document_id, row]));
    for (const anonymised of ['retention-past', 'retention-deleted-old']) {
      const row = byId[anonymised];
      expect(row.anonymised_at, anonymised).not.toBeNull();
      expect(PERSONAL.map((column) => row[column])).toEqual(PERSONAL.map(() => null));
      expect([row.state, row.language, row.workshop_document_id]).not.toContain(null);
    }
    for (const kept of ['retention-undated', 'retention-deleted-new']) {
      expect(byId[kept].anonymised_at, kept).toBeNull();
      expect(byId[kept].email).toBe(`${kept}@example.si`);
    }
    expect(queryDatabase<{ last_day: string }>('SELECT last_day FROM daily_task_runs')).toEqual([
      { last_day: new Date().toISOString().slice(0, 10) },
    ]);
  });
});
