/** The demo seed's dates relative to the day it runs (cms/src/bootstrap/seed-dates.ts). */
import { describe, expect, it } from 'vitest';
import { withSeedDates } from '../../cms/src/bootstrap/seed-dates.ts';

describe('withSeedDates', () => {
  it('puts a relative date that many days after seeding, at the given UTC time, and leaves other fields alone', () => {
    const seededAt = new Date('2026-12-03T22:30:00.000Z');
    expect(
      withSeedDates(
        {
          startsAt: { daysAfterSeeding: 21, utcTime: '08:00' },
          endsAt: { daysAfterSeeding: 21, utcTime: '12:00' },
          capacity: 12,
          venueAddress: null,
        },
        seededAt,
      ),
    ).toEqual({
      startsAt: '2026-12-24T08:00:00.000Z',
      endsAt: '2026-12-24T12:00:00.000Z',
      capacity: 12,
      venueAddress: null,
    });
  });
});
