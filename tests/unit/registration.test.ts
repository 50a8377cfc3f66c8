// The pure rules of workshop registrations (cms/src/registration/): what a submitted form must
// hold, the mails and the cancel page in both languages with visitors' words escaped, where an
// outcome sends the browser, the link tokens, when a workshop takes registrations, and the SMTP
// settings. The flow itself, with Strapi, databases and SMTP, is tests/integration/registration.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { env } from '@strapi/utils';
import { REGISTRATION_CONSENT } from '@koper-otok/content-types';
import { parseSubmission } from '../../cms/src/registration/submission.ts';
import { composeMail, type MailDetails, type MailKind } from '../../cms/src/registration/mail-texts.ts';
import { cancelPageHtml } from '../../cms/src/registration/cancel-page.ts';
import { languageOf, outcomeUrl } from '../../cms/src/registration/respond.ts';
import { cancelToken, hashToken, randomToken } from '../../cms/src/registration/tokens.ts';
import { placesLeft } from '../../cms/src/registration/places.ts';
import { takesRegistrations, type RegistrationWorkshop } from '../../cms/src/registration/workshop.ts';
import { markdownAsText } from '../../cms/src/registration/calendar.ts';
import { emailPluginConfig } from '../../cms/src/registration/email-config.ts';

const form = {
  workshop: 'abc123',
  language: 'en',
  name: '  Ana   Novak ',
  email: ' Ana.Novak@Example.COM ',
  organisation: 'Mestna občina Koper',
  role: '',
  consent: 'yes',
};

describe('parseSubmission', () => {
  it('normalises a good form: one line per field, the address trimmed and lower-cased, the consent wording stored', () => {
    expect(parseSubmission(form)).toEqual({
      submission: {
        workshop: 'abc123',
        language: 'en',
        name: 'Ana Novak',
        email: 'ana.novak@example.com',
        organisation: 'Mestna občina Koper',
        role: null,
        consentText: REGISTRATION_CONSENT.en,
      },
    });
  });

  it.each([
    ['no name', { name: '  ' }],
    ['no workshop', { workshop: undefined }],
    ['an address without a domain', { email: 'ana@koper' }],
    ['an address with a space', { email: 'ana novak@example.com' }],
    ['a name over 120 characters', { name: 'A'.repeat(121) }],
    ['an organisation over 200 characters', { organisation: 'O'.repeat(201) }],
    ['an address over 254 characters', { email: `${'a'.repeat(250)}@example.com` }],
    ['a control character', { name: 'Ana\u0000Novak' }],
    ['a repeated field (an array)', { name: ['Ana', 'Novak'] }],
  ])('refuses %s as invalid, in the visitor language', (_, change) => {
    expect(parseSubmission({ ...form, ...change })).toEqual({ refusal: 'invalid', language: 'en' });
  });

  it('refuses a form without the consent box ticked, and reads any language but English as Slovenian', () => {
    expect(parseSubmission({ ...form, consent: undefined })).toEqual({ refusal: 'consent', language: 'en' });
    expect(parseSubmission({ ...form, consent: 'on', language: 'de' })).toEqual({ refusal: 'consent', language: 'sl' });
    expect(parseSubmission(null)).toEqual({ refusal: 'invalid', language: 'sl' });
  });

  it('accepts names at the limit and keeps letters of every language', () => {
    const name = 'Č'.repeat(120);
    expect(parseSubmission({ ...form, name })).toMatchObject({ submission: { name } });
  });
});

describe('registration mails', () => {
  const details = (kind: MailKind, language: 'sl' | 'en'): MailDetails => ({
    kind,
    language,
    name: 'Ana <script>alert(1)</script>',
    workshopTitle: 'Središča & "trgi"',
    when: '5. junij 2017 ob 10:00',
    where: 'Jesenice',
    workshopUrl: 'https://www.koper-otok.si/delavnice/jesenice/',
    cancelUrl: 'https://cms.koper-otok.si/api/registrations/cancel?token=c4nc3l',
    confirmUrl:
      kind === 'confirm-request' ? 'https://cms.koper-otok.si/api/registrations/confirm?token=c0nf1rm' : undefined,
    confirmHours: 48,
  });
  const kinds: MailKind[] = ['confirm-request', 'confirmed', 'waiting', 'moved-up', 'cancelled'];

  it.each(kinds.flatMap((kind) => (['sl', 'en'] as const).map((language) => [kind, language] as const)))(
    '%s in %s: subject with the title, the cancel link in text and HTML, visitors words escaped',
    (kind, language) => {
      const mail = composeMail(details(kind, language));
      expect(mail.subject).toContain('Središča & "trgi"');
      expect(mail.text).toContain('https://cms.koper-otok.si/api/registrations/cancel?token=c4nc3l');
      expect(mail.html).toContain('href="https://cms.koper-otok.si/api/registrations/cancel?token=c4nc3l"');
      expect(mail.html).toContain(`<html lang="${language}">`);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('Ana &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(mail.html).toContain('Središča &amp; &quot;trgi&quot;');
      expect(mail.text.includes('confirm?token=c0nf1rm')).toBe(kind === 'confirm-request');
    },
  );

  it('asks for confirmation within the hours the link is valid, in each language', () => {
    expect(composeMail(details('confirm-request', 'sl')).text).toContain('v 48 urah');
    expect(composeMail(details('confirm-request', 'en')).text).toContain('within 48 hours');
    expect(composeMail(details('waiting', 'sl')).subject).toBe('Na čakalni listi: Središča & "trgi"');
  });
});

describe('the cancel page', () => {
  it('is a form without scripts, in the visitor language, with every value escaped', () => {
    const html = cancelPageHtml({ language: 'en', token: 'a"b', workshopTitle: '<b>Koper</b>', when: null });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<form method="post" action="cancel">');
    expect(html).toContain('name="token" value="a&quot;b"');
    expect(html).toContain('&lt;b&gt;Koper&lt;/b&gt;');
    expect(html).toContain('name="erase" value="yes"');
    expect(html).not.toMatch(/<script|\son\w+=/i);
  });
});

describe('outcomes, tokens, places', () => {
  it('sends the browser to the site page of the outcome in the visitor language', () => {
    expect(outcomeUrl('https://www.koper-otok.si', 'sl', 'confirmed')).toBe(
      'https://www.koper-otok.si/prijava/potrjena/',
    );
    expect(outcomeUrl('https://www.koper-otok.si/', 'en', 'rate-limited')).toBe(
      'https://www.koper-otok.si/en/registration/too-many-attempts/',
    );
    expect(outcomeUrl('', 'sl', 'sent')).toBe('/prijava/poslano/');
    expect([languageOf('en'), languageOf('EN'), languageOf(undefined)]).toEqual(['en', 'sl', 'sl']);
  });

  it('keeps only hashes of tokens; the cancel token is the same within a round and new in the next', () => {
    const token = randomToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(randomToken()).not.toBe(token);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    const round = cancelToken('key', 'doc', '2026-12-03T10:00:00.000Z');
    expect(cancelToken('key', 'doc', '2026-12-03T10:00:00.000Z')).toBe(round);
    expect(cancelToken('key', 'doc', '2026-12-04T10:00:00.000Z')).not.toBe(round);
    expect(cancelToken('key', 'other', '2026-12-03T10:00:00.000Z')).not.toBe(round);
    expect(cancelToken('another key', 'doc', '2026-12-03T10:00:00.000Z')).not.toBe(round);
  });

  it('counts places left, none below zero, unlimited without a capacity', () => {
    expect([placesLeft(20, 5), placesLeft(20, 20), placesLeft(20, 25), placesLeft(null, 7)]).toEqual([15, 0, 0, null]);
  });
});

describe('takesRegistrations', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  const workshop = (change: Partial<RegistrationWorkshop>): RegistrationWorkshop => ({
    documentId: 'w',
    capacity: 20,
    registrationOpen: true,
    eventStatus: 'planned',
    startsAt: '2026-12-10T09:00:00Z',
    endsAt: null,
    venueAddress: null,
    texts: {},
    ...change,
  });

  it('only while staff keep registration open, the workshop is planned, dated and has not begun', () => {
    expect(takesRegistrations(workshop({}), now)).toBe(true);
    expect(takesRegistrations(workshop({ startsAt: null }), now)).toBe(false);
    expect(takesRegistrations(workshop({ registrationOpen: false }), now)).toBe(false);
    expect(takesRegistrations(workshop({ eventStatus: 'cancelled' }), now)).toBe(false);
    expect(takesRegistrations(workshop({ eventStatus: 'held' }), now)).toBe(false);
    expect(takesRegistrations(workshop({ startsAt: '2026-12-03T11:59:00Z' }), now)).toBe(false);
    expect(takesRegistrations(null, now)).toBe(false);
  });
});

describe('calendar description and SMTP settings', () => {
  it('reduces markdown to readable text', () => {
    expect(markdownAsText('## Program\n\n**Uvod** in [prijava](https://x.si) > _kava_')).toBe(
      'Program\n\nUvod in prijava > kava',
    );
  });

  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('uses SMTP only when SMTP_HOST is set, with the sender and reply-to address', () => {
    delete process.env.SMTP_HOST;
    expect(emailPluginConfig(env)).toBeUndefined();
    Object.assign(process.env, {
      SMTP_HOST: 'smtp.example.si',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'prijave',
      SMTP_PASSWORD: 'geslo',
      EMAIL_FROM: 'Zavod Koper Otok <prijave@koper-otok.si>',
    });
    delete process.env.EMAIL_REPLY_TO;
    expect(emailPluginConfig(env)).toEqual({
      provider: 'nodemailer',
      providerOptions: { host: 'smtp.example.si', port: 465, secure: true, auth: { user: 'prijave', pass: 'geslo' } },
      settings: {
        defaultFrom: 'Zavod Koper Otok <prijave@koper-otok.si>',
        defaultReplyTo: 'Zavod Koper Otok <prijave@koper-otok.si>',
      },
    });
  });
});
