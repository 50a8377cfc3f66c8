/**
 * What a workshop's page offers for signing up (site/src/lib/content/registration.ts), and the
 * outcome pages the registration API sends visitors to (site/src/lib/content/pages.ts).
 */
import { describe, expect, it } from 'vitest';
import { LOCALES, REGISTRATION_OUTCOMES, registrationOutcomePath } from '@koper-otok/content-types';
import { placesLeft, privacyPagePath, registrationOffer } from '../../site/src/lib/content/registration';
import { buildSiteModel, pageHead } from '../../site/src/lib/content/pages';
import { t } from '../../site/src/lib/i18n/ui';
import { generateContent, randomSource } from '../helpers/generated-records.ts';

const NOW = new Date('2026-06-15T10:00:00.000Z');
const open = {
  registrationOpen: true,
  registrationUrl: null,
  eventStatus: 'planned' as const,
  startsAt: '2026-07-01T07:00:00.000Z',
  capacity: 20,
  confirmedRegistrations: 8,
};

describe('registrationOffer', () => {
  it('offers the form with the places left for an open, planned, upcoming workshop', () => {
    expect(registrationOffer(open, NOW)).toEqual({ kind: 'form', placesLeft: 12 });
  });

  it('keeps offering the form when it is full (the waiting list), and without a limit when there is no capacity', () => {
    expect(registrationOffer({ ...open, confirmedRegistrations: 25 }, NOW)).toEqual({ kind: 'form', placesLeft: 0 });
    expect(registrationOffer({ ...open, capacity: null }, NOW)).toEqual({ kind: 'form', placesLeft: null });
  });

  it('prefers its own form to an outside address, which it links only while the form is off', () => {
    const outside = 'https://forms.example.org/delavnica';
    expect(registrationOffer({ ...open, registrationUrl: outside }, NOW).kind).toBe('form');
    expect(registrationOffer({ ...open, registrationOpen: false, registrationUrl: outside }, NOW)).toEqual({
      kind: 'outside',
      url: outside,
    });
    expect(registrationOffer({ ...open, registrationOpen: false }, NOW)).toEqual({ kind: 'none' });
  });

  it('says why instead of a form: cancelled, held, begun, or not yet dated', () => {
    expect(registrationOffer({ ...open, eventStatus: 'cancelled' }, NOW)).toEqual({
      kind: 'closed',
      reason: 'cancelled',
    });
    expect(registrationOffer({ ...open, eventStatus: 'held' }, NOW)).toEqual({ kind: 'closed', reason: 'past' });
    expect(registrationOffer({ ...open, startsAt: NOW.toISOString() }, NOW)).toEqual({
      kind: 'closed',
      reason: 'past',
    });
    expect(registrationOffer({ ...open, startsAt: null }, NOW)).toEqual({ kind: 'closed', reason: 'unscheduled' });
  });

  it('counts places left from confirmed registrations, never below zero', () => {
    expect(placesLeft({ capacity: 3, confirmedRegistrations: 5 })).toBe(0);
    expect(placesLeft({ capacity: 3, confirmedRegistrations: 1 })).toBe(2);
  });
});

describe('registration copy', () => {
  it('says the places left with Slovenian plural forms and in English', () => {
    const sl = t('sl').registration;
    expect([1, 2, 3, 5, 12, 101].map(sl.placesLeft)).toEqual([
      'Še 1 prosto mesto',
      'Še 2 prosti mesti',
      'Še 3 prosta mesta',
      'Še 5 prostih mest',
      'Še 12 prostih mest',
      'Še 101 prosto mesto',
    ]);
    expect([1, 12].map(t('en').registration.placesLeft)).toEqual(['1 place left', '12 places left']);
  });
});

describe('the pages of registrations', () => {
  const records = generateContent(randomSource(3), 'http://127.0.0.1:9', NOW, 20).records;
  records.sl.workshops[0] = { ...records.sl.workshops[0], ...open };
  const model = buildSiteModel(structuredClone(records), { now: NOW, newsPageSize: 10, pastWorkshopsPageSize: 5 });

  it('has one noindex page per outcome and language, with both languages as alternates', () => {
    const outcomes = model.pages.filter((page) => page.kind === 'registration-outcome');
    expect(outcomes.map((page) => page.path).sort()).toEqual(
      LOCALES.flatMap((locale) =>
        Object.keys(REGISTRATION_OUTCOMES).map((outcome) =>
          registrationOutcomePath(locale, outcome as keyof typeof REGISTRATION_OUTCOMES),
        ),
      ).sort(),
    );
    for (const page of outcomes) {
      expect(pageHead(page).noindex).toBe(true);
      expect(Object.keys(page.alternates).sort()).toEqual([...LOCALES].sort());
    }
  });

  it("gives a workshop's page its offer, decided at the build's time", () => {
    const page = model.pages.find(
      (p) => p.kind === 'workshop' && p.locale === 'sl' && p.workshop.documentId === records.sl.workshops[0].documentId,
    );
    expect(page?.kind === 'workshop' && page.registration).toEqual({ kind: 'form', placesLeft: 12 });
  });

  it('links the consent to the privacy page only when it is published in that language', () => {
    const privacy = { slug: 'varstvo-osebnih-podatkov' } as (typeof model.graphs.sl.pages)[number];
    expect(privacyPagePath({ locale: 'sl', pages: [privacy] })).toBe('/varstvo-osebnih-podatkov/');
    expect(privacyPagePath({ locale: 'en', pages: [privacy] })).toBeNull();
  });
});
