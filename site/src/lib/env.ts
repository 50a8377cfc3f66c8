/**
 * Settings read from environment variables, checked, with the local demo's defaults. The site's
 * build configuration (src/config.ts), the rebuild service and the WordPress importer read
 * theirs with these, so one variable means the same everywhere.
 */
export type Env = Record<string, string | undefined>;

/** Where Strapi answers in the local demo (npm start), when STRAPI_URL is not set. */
export const DEFAULT_STRAPI_URL = 'http://127.0.0.1:1337';

/** Strapi's base URL from STRAPI_URL, without a trailing slash. */
export function readStrapiUrl(env: Env = process.env): string {
  return (env.STRAPI_URL || DEFAULT_STRAPI_URL).replace(/\/+$/, '');
}

/** A whole number of at least `min`; unset or empty means `fallback`. */
export function readInteger(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return value;
}

/** "true" or "false"; unset or empty means `fallback`. */
export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new Error(`${name} must be true or false, got "${raw}"`);
}
