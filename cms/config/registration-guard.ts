import type { Core } from '@strapi/strapi';

// Abuse protection of the public registration form (src/registration-guard/, docs/security.md).
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Signs proof-of-work challenges and tickets and keys the hashes of rate-limited addresses.
  secret: env('REGISTRATION_SECRET', ''),
  // A challenge's number is drawn below this; a phone finds it in about a second on average.
  powMaxNumber: env.int('REGISTRATION_POW_MAX_NUMBER', 100_000),
  // A ticket of the no-JavaScript form is accepted this long after it was issued, not sooner.
  ticketMinAgeMs: env.int('REGISTRATION_TICKET_MIN_AGE_MS', 5_000),
  limits: {
    address: {
      max: env.int('REGISTRATION_LIMIT_PER_ADDRESS', 10),
      windowSeconds: env.int('REGISTRATION_LIMIT_ADDRESS_WINDOW_SECONDS', 600),
    },
    email: {
      max: env.int('REGISTRATION_LIMIT_PER_EMAIL', 3),
      windowSeconds: env.int('REGISTRATION_LIMIT_EMAIL_WINDOW_SECONDS', 3600),
    },
  },
});
