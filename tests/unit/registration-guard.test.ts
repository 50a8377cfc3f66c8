// The registration form's abuse checks (cms/src/registration-guard/) as pure rules: tickets,
// ALTCHA proofs of work solved for real, field limits, the escaped "one more step" page, and the
// counters and used proofs on a real SQLite database. The guard in a running Strapi, under 1,000
// bot submissions: tests/integration/registration-abuse.test.ts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { solveChallenge } from 'altcha-lib/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import {
  countAttempt,
  pruneGuardTables,
  useProofOnce,
  type GuardDatabase,
} from '../../cms/src/registration-guard/guard-store';
import { keyedHash } from '../../cms/src/registration-guard/keyed-hash';
import { ATTEMPTS_TABLE, USED_PROOFS_TABLE } from '../../cms/src/registration-guard/model';
import { oneMoreStepPage } from '../../cms/src/registration-guard/one-more-step-page';
import {
  CHALLENGE_LIFETIME_MS,
  checkProofOfWork,
  issueChallenge,
} from '../../cms/src/registration-guard/proof-of-work';
import { readSubmission, type Submission } from '../../cms/src/registration-guard/submission-fields';
import { checkTicket, issueTicket, TICKET_LIFETIME_MS } from '../../cms/src/registration-guard/ticket';

const SECRET = 'a-test-secret-of-more-than-thirty-two-characters';
const now = new Date('2026-12-03T10:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);

describe('tickets (proof of time)', () => {
  const subject = { workshop: 'abc123', email: 'Ana@Example.si' };
  const options = (at: Date) => ({ secret: SECRET, minAgeMs: 5_000, now: at });

  it('are accepted from the minimum age until their lifetime ends, for the same workshop and address', () => {
    const ticket = issueTicket(SECRET, subject, now);
    expect(checkTicket(ticket, subject, options(later(4_999)))).toEqual({ valid: false, reason: 'early' });
    expect(checkTicket(ticket, { workshop: 'abc123', email: ' ana@example.si ' }, options(later(5_000)))).toEqual({
      valid: true,
      proofId: ticket.split('.')[2],
      usedUntil: later(TICKET_LIFETIME_MS),
    });
    expect(checkTicket(ticket, subject, options(later(TICKET_LIFETIME_MS + 1)))).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('are refused for another workshop, another address, another secret or when altered', () => {
    const ticket = issueTicket(SECRET, subject, now);
    const at = later(6_000);
    const forged = { valid: false, reason: 'forged' };
    expect(checkTicket(ticket, { ...subject, workshop: 'other' }, options(at))).toEqual(forged);
    expect(checkTicket(ticket, { ...subject, email: 'bot@example.si' }, options(at))).toEqual(forged);
    expect(checkTicket(ticket, subject, { ...options(at), secret: `${SECRET}x` })).toEqual(forged);
    const [issued, nonce, signature] = ticket.split('.');
    // An earlier issue time would make a fresh ticket look old enough.
    expect(checkTicket(`${Number(issued) - 10_000}.${nonce}.${signature}`, subject, options(later(1)))).toEqual(forged);
    // Another spelling of the same ticket would escape the record of its use.
    for (const broken of ['', 'x', `${issued}.${nonce}`, `${ticket}.more`, `0${ticket}`, ` ${ticket}`])
      expect(checkTicket(broken, subject, options(at))).toEqual(forged);
  });

  it('differ each time, so each can be used once', () => {
    expect(issueTicket(SECRET, subject, now)).not.toBe(issueTicket(SECRET, subject, now));
  });
});

describe('proof of work (ALTCHA)', () => {
  async function solvedPayload(secret = SECRET, issuedAt = new Date()): Promise<string> {
    const challenge = await issueChallenge(secret, 2_000, issuedAt);
    const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber)
      .promise;
    expect(solution).not.toBeNull();
    const payload = { ...challenge, number: solution!.number };
    return Buffer.from(JSON.stringify(payload)).toString('base64');
  }

  it('accepts a solved challenge until it expires', async () => {
    const payload = await solvedPayload();
    const check = await checkProofOfWork(payload, SECRET, new Date());
    expect(check.valid).toBe(true);
    expect(check.valid && check.usedUntil.getTime()).toBeGreaterThan(Date.now() + CHALLENGE_LIFETIME_MS - 60_000);
    expect(await checkProofOfWork(payload, SECRET, new Date(Date.now() + CHALLENGE_LIFETIME_MS + 1_000))).toEqual({
      valid: false,
    });
  });

  it('names the solved challenge, however the payload is spelt', async () => {
    const payload = await solvedPayload();
    const decoded = JSON.parse(Buffer.from(payload, 'base64').toString());
    const respelt = Buffer.from(
      JSON.stringify({ ...decoded, number: String(decoded.number), signature: decoded.signature }, null, 2),
    ).toString('base64');
    const [first, second] = await Promise.all([payload, respelt].map((p) => checkProofOfWork(p, SECRET, new Date())));
    expect(first.valid && first.proofId).toBe(decoded.challenge);
    expect(second.valid && second.proofId).toBe(decoded.challenge);
  });

  it('refuses a wrong number, another signature, an expired challenge and garbage', async () => {
    const payload = await solvedPayload();
    const decoded = JSON.parse(Buffer.from(payload, 'base64').toString());
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');
    expect(await checkProofOfWork(encode({ ...decoded, number: decoded.number + 1 }), SECRET, new Date())).toEqual({
      valid: false,
    });
    expect(await checkProofOfWork(payload, `${SECRET}x`, new Date())).toEqual({ valid: false });
    const old = await solvedPayload(SECRET, new Date(Date.now() - CHALLENGE_LIFETIME_MS - 1_000));
    expect(await checkProofOfWork(old, SECRET, new Date())).toEqual({ valid: false });
    for (const garbage of [
      '',
      'not base64 at all',
      encode({}),
      encode({ salt: 'x?expires=9999999999&' }),
      'x'.repeat(5_000),
    ])
      expect(await checkProofOfWork(garbage, SECRET, new Date())).toEqual({ valid: false });
  });
});

describe('the first check of a submission', () => {
  const form = { workshop: 'abc', language: 'sl', name: 'Ana Novak', email: 'ana@example.si', consent: 'on' };

  it('reads the form as text, empty where a field is missing', () => {
    const submission = readSubmission({ ...form, consent: true }, 200);
    expect(submission).toMatchObject({
      ...form,
      consent: 'true',
      organisation: '',
      website: '',
      altcha: '',
      ticket: '',
    });
  });

  it('refuses large bodies, long fields, lists, objects and too many fields', () => {
    expect(readSubmission(form, 9_000)).toBeNull();
    expect(readSubmission({ ...form, name: 'x'.repeat(121) }, undefined)).toBeNull();
    expect(readSubmission({ ...form, email: ['a@b.si', 'c@d.si'] }, undefined)).toBeNull();
    expect(readSubmission({ ...form, workshop: { $ne: '' } }, undefined)).toBeNull();
    expect(
      readSubmission({ ...form, ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, 'x'])) }, 500),
    ).toBeNull();
    expect(readSubmission('name=x', 6)).toBeNull();
  });
});

describe('the "one more step" page', () => {
  const hostile = '"><script>alert(1)</script>';
  const submission: Submission = {
    workshop: `w${hostile}`,
    language: 'en',
    name: hostile,
    email: `a'@b.si${hostile}`,
    organisation: '&amp; Co',
    role: '',
    consent: 'on',
    website: '',
    altcha: '',
    ticket: '',
  };

  it('repeats every field escaped, with the ticket, in the visitor language', () => {
    const html = oneMoreStepPage('en', submission, 'T.1.2');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<title>One more step</title>');
    expect(html).toContain('<input type="hidden" name="name" value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">');
    expect(html).toContain('value="&amp;amp; Co"');
    expect(html).toContain(`value="a&#39;@b.si&quot;&gt;`);
    expect(html).toContain('<input type="hidden" name="ticket" value="T.1.2">');
    expect(html).not.toContain('name="website"');
    expect(oneMoreStepPage('sl', submission, 'T')).toContain('<h1>Še en korak</h1>');
  });

  it('asks to wait a few seconds only when shown again for a ticket posted too early', () => {
    expect(oneMoreStepPage('sl', submission, 'T')).not.toContain('role="status"');
    const again = oneMoreStepPage('sl', submission, 'T', true);
    expect(again).toContain('<p role="status"><strong>Potrdili ste hitreje, kot smo pričakovali.');
    expect(again).toContain('<input type="hidden" name="ticket" value="T">');
    expect(oneMoreStepPage('en', submission, 'T', true)).toContain('Please wait a few seconds');
  });
});

describe('counters and used proofs (SQLite)', () => {
  // knex and better-sqlite3 are Strapi's own database layer, dependencies of cms/.
  const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));
  type Knex = GuardDatabase['connection'] & {
    (table: string): { select(...columns: string[]): Promise<object[]> };
    destroy(): Promise<void>;
  };
  const knex = requireFromCms('knex') as (config: object) => Knex;
  const opened: Knex[] = [];
  afterEach(async () => Promise.all(opened.splice(0).map((db) => db.destroy())));

  // The columns and unique indexes of cms/src/registration-guard/model.ts.
  async function database(): Promise<GuardDatabase & { connection: Knex }> {
    const connection = knex({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
    opened.push(connection);
    await connection.raw(
      `CREATE TABLE ${ATTEMPTS_TABLE} (id INTEGER PRIMARY KEY, scope TEXT, key_hash TEXT, window_start BIGINT, attempts INTEGER)`,
      [],
    );
    await connection.raw(`CREATE UNIQUE INDEX attempts_key ON ${ATTEMPTS_TABLE} (scope, key_hash)`, []);
    await connection.raw(
      `CREATE TABLE ${USED_PROOFS_TABLE} (id INTEGER PRIMARY KEY, proof_hash TEXT, used_until BIGINT)`,
      [],
    );
    await connection.raw(`CREATE UNIQUE INDEX used_proofs_hash ON ${USED_PROOFS_TABLE} (proof_hash)`, []);
    return { connection };
  }

  it("counts attempts per key in a window from the key's first attempt, then starts again", async () => {
    const db = await database();
    const attempt = (keyHash: string, at: Date) =>
      countAttempt(db, { scope: 'address', keyHash, windowMs: 600_000, now: at });
    expect([await attempt('a', now), await attempt('a', later(1_000)), await attempt('b', now)]).toEqual([1, 2, 1]);
    expect(await attempt('a', later(599_999))).toBe(3);
    expect(await attempt('a', later(600_000))).toBe(1);
    expect(await attempt('a', later(600_001))).toBe(2);
    expect(await attempt('b', later(600_000))).toBe(1);
  });

  it('lets a proof be used once, and forgets it after it expired', async () => {
    const db = await database();
    expect(await useProofOnce(db, 'p', later(60_000))).toBe(true);
    expect(await useProofOnce(db, 'p', later(60_000))).toBe(false);
    await countAttempt(db, { scope: 'email', keyHash: 'k', windowMs: 3_600_000, now });
    await pruneGuardTables(db, later(3_600_001 + 60_000), 3_600_000);
    expect(await db.connection(USED_PROOFS_TABLE).select('id')).toEqual([]);
    expect(await db.connection(ATTEMPTS_TABLE).select('id')).toEqual([]);
  });

  it('stores keyed hashes, which differ by purpose and secret', () => {
    const hash = keyedHash(SECRET, 'address', '203.0.113.7');
    expect(hash).not.toContain('203.0.113.7');
    expect(hash).not.toBe(keyedHash(SECRET, 'email', '203.0.113.7'));
    expect(hash).not.toBe(keyedHash(`${SECRET}x`, 'address', '203.0.113.7'));
  });
});
