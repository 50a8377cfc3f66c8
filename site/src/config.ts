/**
 * Build-time configuration, read once from the environment. Defaults fit the local demo.
 *   STRAPI_URL        where Strapi answers (GraphQL at STRAPI_URL/graphql)
 *   STRAPI_TOKEN      read-only API token, or STRAPI_TOKEN_FILE with the token in it
 *   NEWS_PAGE_SIZE    articles per page of the news list (default 10)
 *   PAST_WORKSHOPS_PAGE_SIZE  past workshops per page of the workshop list (default 20)
 *   STRAPI_PUBLIC_URL Strapi's public address (its PUBLIC_URL), if the build reaches it by another
 *   MEDIA_URL         a bucket or CDN serving the media library (default: STRAPI_URL)
 *   STRAPI_TIMEOUT_MS how long one request to Strapi may take before it is retried (default 30000)
 *   STRAPI_RETRIES    retries of a failed request, with backoff 0.5 s, 1 s, 2 s, ... (default 3);
 *                     6 waits about 30 s in all, enough to ride out a Strapi restart
 *   SITE_NOW          the moment the build treats as now (an ISO date; tests that compare builds)
 *   REGISTRATION_API_URL  where visitors' browsers reach the workshop registration API (its
 *                     /api/registrations); default STRAPI_PUBLIC_URL, else STRAPI_URL. In production
 *                     the site's own address, or "/", since nginx passes those routes to Strapi.
 */
import { readFileSync } from 'node:fs';
import { readInteger, readStrapiUrl } from './lib/env';

function readToken(): string | undefined {
  if (process.env.STRAPI_TOKEN) return process.env.STRAPI_TOKEN.trim();
  const file = process.env.STRAPI_TOKEN_FILE;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`STRAPI_TOKEN_FILE=${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

const env = process.env;
const positiveInt = (name: string, fallback: number) => readInteger(env, name, fallback, 1);
const strapiUrl = readStrapiUrl(env);

function readNow(): (() => Date) | undefined {
  const raw = env.SITE_NOW;
  if (!raw) return undefined;
  const fixed = new Date(raw);
  if (Number.isNaN(fixed.getTime())) throw new Error(`SITE_NOW must be an ISO date, got "${raw}"`);
  return () => new Date(fixed);
}

export const config = {
  strapiUrl,
  // The admin's editor writes media URLs on Strapi's public address; the build downloads those
  // files from strapiUrl, so the public address may be closed to the build (lib/media/).
  strapiPublicUrl: env.STRAPI_PUBLIC_URL ? env.STRAPI_PUBLIC_URL.replace(/\/+$/, '') : undefined,
  // A bucket or CDN serving the media library (an S3 upload provider); Strapi's own URL by
  // default. The built site serves its own copies, so visitors never reach it.
  mediaUrl: env.MEDIA_URL ? env.MEDIA_URL.replace(/\/+$/, '') : strapiUrl,
  strapiToken: readToken(),
  // The registration form posts here and its script fetches the proof-of-work challenge here.
  registrationApiUrl: `${(env.REGISTRATION_API_URL ?? env.STRAPI_PUBLIC_URL ?? strapiUrl).replace(/\/+$/, '')}/api/registrations`,
  // How long the paged lists are (lib/content/pages.ts).
  pageSizes: {
    newsPageSize: positiveInt('NEWS_PAGE_SIZE', 10),
    pastWorkshopsPageSize: positiveInt('PAST_WORKSHOPS_PAGE_SIZE', 20),
  },
  strapiTimeoutMs: positiveInt('STRAPI_TIMEOUT_MS', 30_000),
  strapiRetries: readInteger(env, 'STRAPI_RETRIES', 3, 0),
  // The live build's /path-history.json, so entries whose slug changed keep their old URLs.
  pathHistoryFile: process.env.SITE_PATH_HISTORY || undefined,
  siteName: 'Zavod Koper Otok',
  // Which workshops are upcoming depends on the clock; two builds compared byte for byte share one.
  now: readNow() ?? (() => new Date()),
};
