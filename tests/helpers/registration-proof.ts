/**
 * The registration form's proof of work as the site's script does it: fetch a challenge from
 * Strapi, solve it with altcha-lib, post the payload as `altcha`. Suites about something other
 * than abuse start Strapi with REGISTRATION_TEST_ENV: an easy challenge, and rate limits they
 * never reach (tests/integration/registration-abuse.test.ts tests the real ones).
 */
import { solveChallenge } from 'altcha-lib/v1';

export const REGISTRATION_TEST_ENV = {
  REGISTRATION_POW_MAX_NUMBER: '1000',
  REGISTRATION_LIMIT_PER_ADDRESS: '100000',
  REGISTRATION_LIMIT_PER_EMAIL: '100000',
};

/** A solved challenge of this Strapi, as the `altcha` field of the form. */
export async function solvedProof(cmsUrl: string): Promise<string> {
  const response = await fetch(`${cmsUrl}/api/registrations/challenge`);
  if (!response.ok) throw new Error(`GET /api/registrations/challenge answered ${response.status}`);
  const challenge = await response.json();
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber)
    .promise;
  if (!solution) throw new Error('the registration challenge was not solved');
  return Buffer.from(JSON.stringify({ ...challenge, number: solution.number })).toString('base64');
}

/** The form's fields with a fresh proof of work. */
export const withProof = async (cmsUrl: string, fields: Record<string, string>): Promise<Record<string, string>> => ({
  ...fields,
  altcha: await solvedProof(cmsUrl),
});
