/**
 * Build-time configuration, read once from the environment. Defaults fit the local demo.
 *   STRAPI_URL        where Strapi answers (GraphQL at STRAPI_URL/graphql)
 *   STRAPI_TOKEN      read-only API token, or STRAPI_TOKEN_FILE with the token in it
 *   NEWS_PAGE_SIZE    articles per page of the news list
 */
import { readFileSync } from 'node:fs';

function readToken(): string | undefined {
  if (process.env.STRAPI_TOKEN) return process.env.STRAPI_TOKEN.trim();
  const file = process.env.STRAPI_TOKEN_FILE;
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`STRAPI_TOKEN_FILE=${file} cannot be read: ${(error as Error).message}`);
  }
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

export const config = {
  strapiUrl: (process.env.STRAPI_URL ?? 'http://127.0.0.1:1337').replace(/\/+$/, ''),
  strapiToken: readToken(),
  newsPageSize: positiveInt('NEWS_PAGE_SIZE', 10),
  siteName: 'Zavod Koper Otok',
};
