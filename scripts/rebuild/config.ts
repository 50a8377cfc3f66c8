/**
 * The rebuild service's settings, read from the environment once, checked, with defaults
 * suited to the local demo. docs/operations.md ("Production configuration") lists them.
 */
import path from 'node:path';
import { readBoolean, readInteger, readStrapiUrl, type Env } from '../../site/src/lib/env.ts';
import { dataDir } from '../lib/paths.ts';
import { MIN_SECRET_LENGTH } from '../../cms/src/bootstrap/webhook-contract.ts';
import { readDeployTarget, type DeployTarget } from '../deploy/target.ts';
import { parseAllowedIps } from './allowed-ips.ts';
import { assertUsableSecret } from './secret.ts';

export interface RebuildConfig {
  /** The public listener: the webhook, and the live site in the local demo. */
  host: string;
  port: number;
  secret: string;
  /** Addresses Strapi's webhook may come from; undefined = any (the secret still applies). */
  allowedIps?: ReadonlySet<string>;
  /** GET /status listens here only, never on the public port. */
  statusHost: string;
  statusPort: number;
  /** When set, /status wants `Authorization: Bearer <token>`. */
  statusToken?: string;
  /** A build starts once webhooks have been quiet this long... */
  quietMs: number;
  /** ...but no later than this after the first waiting webhook. */
  maxDelayMs: number;
  /** Retries of a failed build, with delays retryBaseMs, 2x, 4x, ... */
  maxRetries: number;
  retryBaseMs: number;
  /** Larger webhook bodies are refused with 413. */
  maxBodyBytes: number;
  /** Holds builds/, partial/ and the live symlink. */
  sitesDir: string;
  /** Builds kept on disk, the live one included. */
  keepBuilds: number;
  strapiUrl: string;
  tokenFile?: string;
  siteUrl: string;
  /** Redirect map of old URLs (written by the WordPress importer); used when the file exists. */
  redirectsFile: string;
  /** DEPLOY_TARGET: the built-in deploy to a bucket, with the S3_* settings. */
  deployTarget?: DeployTarget;
  deployCommand?: string;
  /** Relay mode: have GitHub Actions build (repository_dispatch) instead of building here. */
  githubDispatch?: { repository: string; token: string; apiUrl?: string };
  /** Serve the live site on the same port (local demo); off when a web server or CDN serves it. */
  serveSite: boolean;
  /** Re-render only what a change touches (partial-publish.ts); false: a full build every time. */
  partialBuilds: boolean;
  /** More changed entries than this in one build: a full build. */
  maxPartialDocuments: number;
  /** More pages to re-render than this: a full build (it is quicker by then). */
  maxPartialPages: number;
  /** How long the files of a replaced search index stay for searches already running. */
  searchGraceMs: number;
}

/** Defaults shared by the environment reader and startRebuildService (tests pass fewer options). */
export const REBUILD_DEFAULTS = {
  host: '127.0.0.1',
  port: 4321,
  statusHost: '127.0.0.1',
  statusPort: 4323,
  // A partial build of one change takes well under a second, so a burst of webhooks (one per
  // language, bulk publishing) is worth waiting for only briefly; a longer burst is coalesced
  // into the follow-up build anyway.
  quietMs: 300,
  maxDelayMs: 30_000,
  maxRetries: 3,
  retryBaseMs: 5000,
  // Strapi's entry events carry the entry with every related entry's fields, so publishing a
  // region with hundreds of articles sends megabytes. Only authenticated callers get this far.
  maxBodyBytes: 16 * 1024 * 1024,
  keepBuilds: 5,
  serveSite: true,
  partialBuilds: true,
  maxPartialDocuments: 200,
  maxPartialPages: 5000,
  searchGraceMs: 60_000,
};

function githubDispatchConfig(env: Env): RebuildConfig['githubDispatch'] {
  const repository = env.GITHUB_DISPATCH_REPOSITORY;
  if (!repository) return undefined;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repository))
    throw new Error(`GITHUB_DISPATCH_REPOSITORY must look like owner/name, got "${repository}"`);
  if (!env.GITHUB_DISPATCH_TOKEN)
    throw new Error(
      'GITHUB_DISPATCH_REPOSITORY is set but GITHUB_DISPATCH_TOKEN is not: GitHub needs a token to start the workflow',
    );
  return { repository, token: env.GITHUB_DISPATCH_TOKEN, apiUrl: env.GITHUB_API_URL || undefined };
}

const isLoopback = (host: string) => /^(127(\.\d+){3}|::1|\[::1\]|localhost)$/i.test(host);

/** /status shows build errors and counters: off loopback it needs a token, and a guessable one will not do. */
export function readStatusAccess(env: Env): Pick<RebuildConfig, 'statusHost' | 'statusPort' | 'statusToken'> {
  const statusHost = env.REBUILD_STATUS_HOST || REBUILD_DEFAULTS.statusHost;
  const statusToken = env.REBUILD_STATUS_TOKEN || undefined;
  if (statusToken !== undefined && statusToken.length < MIN_SECRET_LENGTH)
    throw new Error(
      `REBUILD_STATUS_TOKEN is ${statusToken.length} characters long; use at least ${MIN_SECRET_LENGTH} (e.g. \`openssl rand -base64 32\`).`,
    );
  if (!isLoopback(statusHost) && statusToken === undefined)
    throw new Error(
      `REBUILD_STATUS_HOST is ${statusHost}, reachable from other machines, but REBUILD_STATUS_TOKEN is not set: set a token or keep /status on 127.0.0.1.`,
    );
  return {
    statusHost,
    statusPort: readInteger(env, 'REBUILD_STATUS_PORT', REBUILD_DEFAULTS.statusPort, 0),
    statusToken,
  };
}

export function readRebuildConfig(env: Env = process.env): RebuildConfig {
  const secret = env.REBUILD_WEBHOOK_SECRET;
  assertUsableSecret(secret);
  const d = REBUILD_DEFAULTS;
  const port = readInteger(env, 'REBUILD_PORT', d.port, 0);
  return {
    host: env.REBUILD_HOST || d.host,
    port,
    secret,
    allowedIps: parseAllowedIps(env.REBUILD_ALLOWED_IPS),
    ...readStatusAccess(env),
    quietMs: readInteger(env, 'REBUILD_QUIET_MS', d.quietMs, 0),
    maxDelayMs: readInteger(env, 'REBUILD_MAX_DELAY_MS', d.maxDelayMs, 0),
    maxRetries: readInteger(env, 'REBUILD_RETRIES', d.maxRetries, 0),
    retryBaseMs: readInteger(env, 'REBUILD_RETRY_DELAY_MS', d.retryBaseMs, 0),
    maxBodyBytes: readInteger(env, 'REBUILD_MAX_BODY_BYTES', d.maxBodyBytes, 1024),
    sitesDir: path.resolve(env.SITES_DIR || path.join(dataDir, 'site')),
    keepBuilds: readInteger(env, 'REBUILD_KEEP_BUILDS', d.keepBuilds, 2),
    strapiUrl: readStrapiUrl(env),
    tokenFile: env.STRAPI_TOKEN_FILE || undefined,
    siteUrl: env.SITE_URL || `http://127.0.0.1:${port}`,
    redirectsFile: path.resolve(env.SITE_REDIRECTS || path.join(dataDir, 'redirects.json')),
    deployTarget: readDeployTarget(env),
    deployCommand: env.DEPLOY_COMMAND || undefined,
    githubDispatch: githubDispatchConfig(env),
    serveSite: readBoolean(env, 'SERVE_SITE', d.serveSite),
    partialBuilds: readBoolean(env, 'REBUILD_PARTIAL', d.partialBuilds),
    maxPartialDocuments: readInteger(env, 'REBUILD_MAX_PARTIAL_ENTRIES', d.maxPartialDocuments, 1),
    maxPartialPages: readInteger(env, 'REBUILD_MAX_PARTIAL_PAGES', d.maxPartialPages, 1),
    searchGraceMs: readInteger(env, 'SEARCH_GRACE_MS', d.searchGraceMs, 0),
  };
}
