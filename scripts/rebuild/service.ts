/**
 * The rebuild service, assembled: webhook endpoint -> build queue (debounce, coalesce, retry)
 * -> build into a fresh folder -> atomic switch -> optional deploy, with /status on its own port
 * and one log line per build. The build function is injected: the real Astro build in production
 * (serviceOptionsFromConfig), a quick fake one in most tests.
 */
import type { IncomingMessage, Server } from 'node:http';
import path from 'node:path';
import { currentBuildId, listBuilds, liveLink, removeAbandonedBuilds } from '../lib/live-site.ts';
import { resolveRoot } from '../lib/static-server.ts';
import { astroBuild } from './astro-build.ts';
import { buildLogLine } from './build-log.ts';
import { createPendingChanges, type PendingChanges } from './changes.ts';
import { REBUILD_DEFAULTS, type RebuildConfig } from './config.ts';
import { deployInTurn } from './deploy.ts';
import { githubDispatch } from './github-dispatch.ts';
import { partialPublisher, type StoppablePublisher } from './partial-publish.ts';
import { localPublisher, type BuildFunction, type DeployFunction, type Publisher } from './publish.ts';
import { createBuildQueue, type BuildRequest, type Timers } from './queue.ts';
import { assertUsableSecret } from './secret.ts';
import { claimSitesDir } from './single-instance.ts';
import { createPublicServer, createStatusServer, listen, STATUS_PATH } from './server.ts';
import { createStatusTracker, type ServiceStatus, type StatusTracker } from './status.ts';
import { createSearchIndexing, type FollowingSearch } from './search-indexing.ts';
import { createWarmSite, type WarmSite } from './warm-site.ts';

export interface RebuildServiceOptions {
  secret: string;
  sitesDir: string;
  /** The local build with partial rebuilds (warm-site.ts), with an optional deploy after each switch... */
  site?: WarmSite;
  /** ...or a full build every time... */
  build?: BuildFunction;
  deploy?: DeployFunction;
  /** More changed entries than this in one cycle: a full build (with `site`). */
  maxPartialDocuments?: number;
  /** How long the files of a replaced search index stay (with `site`). */
  searchGraceMs?: number;
  /** ...or another rebuild cycle, such as handing the build to CI (github-dispatch.ts). */
  publisher?: Publisher;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Addresses Strapi's webhook may come from (REBUILD_ALLOWED_IPS); undefined = any. */
  allowedIps?: ReadonlySet<string>;
  /** Where GET /status listens (never on the public port); 0 picks a free port. */
  statusHost?: string;
  statusPort?: number;
  /** When set, /status wants `Authorization: Bearer <token>`. */
  statusToken?: string;
  /** Strings never shown in /status or the log, besides what redact() finds (tokens, the deploy command). */
  secrets?: string[];
  quietMs?: number;
  maxDelayMs?: number;
  maxRetries?: number;
  retryBaseMs?: number;
  maxBodyBytes?: number;
  keepBuilds?: number;
  serveSite?: boolean;
  log?: (line: string) => void;
  timers?: Timers;
}

export interface RebuildService {
  /** The public listener: POST /webhook, and the live site when it serves it. */
  url: string;
  port: number;
  server: Server;
  /** GET /status, on its own listener. */
  statusUrl: string;
  statusServer: Server;
  status(): ServiceStatus;
  /** Builds as soon as possible, without a webhook (start-up, manual). */
  buildNow(): void;
  /** Resolves once no build is running or planned. */
  whenIdle(): Promise<void>;
  /** Resolves once the search index follows the live build (at once without partial builds). */
  whenSearchIdle(options?: { cleaned?: boolean }): Promise<void>;
  /** Stops planning builds, stops a running one (its output is discarded), closes the port. */
  stop(): Promise<void>;
}

/**
 * The production wiring: the real Astro build against Strapi, then DEPLOY_TARGET and
 * DEPLOY_COMMAND if set, or, with GITHUB_DISPATCH_REPOSITORY, a relay that has GitHub Actions
 * build instead. `log` gets the deploy's summary line.
 */
export function serviceOptionsFromConfig(
  config: RebuildConfig,
  log: (line: string) => void = (line) => console.log(line),
): RebuildServiceOptions {
  if (config.githubDispatch)
    return {
      ...config,
      serveSite: false,
      publisher: githubDispatch(config.githubDispatch),
      secrets: [config.githubDispatch.token],
    };
  const source = {
    strapiUrl: config.strapiUrl,
    tokenFile: config.tokenFile,
    siteUrl: config.siteUrl,
    redirectsFile: config.redirectsFile,
  };
  return {
    ...config,
    secrets: [
      ...(config.deployCommand ? [config.deployCommand] : []),
      ...(config.deployTarget ? [config.deployTarget.settings.secretAccessKey] : []),
    ],
    ...(config.partialBuilds
      ? { site: createWarmSite({ ...source, maxPartialPages: config.maxPartialPages }) }
      : {
          build: astroBuild({ ...source, pathHistoryFile: path.join(liveLink(config.sitesDir), 'path-history.json') }),
        }),
    deploy: deployInTurn({ ...config, log }),
  };
}

function publisherOf(
  options: RebuildServiceOptions & { keepBuilds: number; log: (line: string) => void },
  search: FollowingSearch | null,
): StoppablePublisher {
  if (options.publisher) return options.publisher;
  if (options.site && search)
    return partialPublisher({
      sitesDir: options.sitesDir,
      keepBuilds: options.keepBuilds,
      site: options.site,
      deploy: options.deploy,
      search,
      maxPartialDocuments: options.maxPartialDocuments ?? REBUILD_DEFAULTS.maxPartialDocuments,
      log: options.log,
    });
  if (!options.build) throw new Error('the rebuild service needs a build function or a publisher');
  return localPublisher({
    sitesDir: options.sitesDir,
    keepBuilds: options.keepBuilds,
    build: options.build,
    deploy: options.deploy,
  });
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const peer = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown address';

/** Options left undefined fall back to the defaults instead of overriding them. */
const definedOnly = <T extends object>(options: T): Partial<T> =>
  Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;

/** Runs one rebuild cycle at a time and records it in the status; `abort` stops the one running. */
function createCycleRunner(publish: StoppablePublisher, status: StatusTracker, pending: PendingChanges) {
  let running: AbortController | null = null;
  return {
    async run(request: BuildRequest): Promise<boolean> {
      const record = status.buildStarted(request);
      running = new AbortController();
      try {
        const result = await publish({
          signal: running.signal,
          reason: request.reason,
          events: request.events,
          changes: pending.take(),
          onBuildId: (id) => (record.id = id),
        });
        status.buildSucceeded(record, result);
        return true;
      } catch (error) {
        status.buildFailed(record, error);
        return false;
      } finally {
        running = null;
      }
    },
    abort(reason: string): void {
      running?.abort(new Error(reason));
    },
    stop: async () => publish.stop?.(),
  };
}

export async function startRebuildService(input: RebuildServiceOptions): Promise<RebuildService> {
  const options = {
    ...REBUILD_DEFAULTS,
    log: (line: string) => console.log(line),
    ...definedOnly(input),
    secret: input.secret,
    sitesDir: input.sitesDir,
  };
  assertUsableSecret(options.secret);
  const { sitesDir, log } = options;
  const releaseSitesDir = claimSitesDir(sitesDir, log);

  const abandoned = removeAbandonedBuilds(sitesDir);
  if (abandoned > 0) log(`rebuild: removed ${abandoned} unfinished build folder(s) left by an earlier run`);

  const status = createStatusTracker({
    secrets: [options.secret, ...(options.statusToken ? [options.statusToken] : []), ...(options.secrets ?? [])],
  });
  const pending = createPendingChanges();
  // With partial builds the search index follows the live build in the background.
  const search =
    options.site && !options.publisher
      ? createSearchIndexing({
          sitesDir,
          graceMs: options.searchGraceMs ?? REBUILD_DEFAULTS.searchGraceMs,
          log,
        })
      : null;
  const cycles = createCycleRunner(publisherOf(options, search), status, pending);
  const queue = createBuildQueue({
    quietMs: options.quietMs,
    maxDelayMs: options.maxDelayMs,
    maxRetries: options.maxRetries,
    retryBaseMs: options.retryBaseMs,
    timers: options.timers,
    build: (request) => cycles.run(request),
    onSettled: (_request, _ok, next) => log(buildLogLine(status.lastBuild()!, next, currentBuildId(sitesDir))),
  });

  const snapshot = () =>
    status.snapshot(queue.snapshot(), currentBuildId(sitesDir), listBuilds(sitesDir), search?.status() ?? null);
  const server = createPublicServer({
    siteRoot: options.serveSite ? resolveRoot(liveLink(sitesDir)) : null,
    log,
    webhook: {
      secret: options.secret,
      maxBodyBytes: options.maxBodyBytes,
      allowedIps: options.allowedIps,
      onAccepted: (trigger) => {
        status.webhookAccepted();
        pending.add(trigger);
        queue.push();
      },
      onRejected: (code, reason, req) => {
        status.webhookRejected();
        log(`rebuild: refused a webhook from ${peer(req)}: ${code} ${reason}`);
      },
    },
  });
  const statusServer = createStatusServer({
    status: snapshot,
    fullBuild: () => queue.buildNow(),
    token: options.statusToken,
    log,
  });
  const port = await listen(server, options.port, options.host).catch((error: Error) => {
    releaseSitesDir();
    throw error;
  });
  const statusPort = await listen(statusServer, options.statusPort, options.statusHost).catch(async (error: Error) => {
    await new Promise((resolve) => server.close(resolve));
    releaseSitesDir();
    throw new Error(`cannot listen for /status on ${options.statusHost}:${options.statusPort}: ${error.message}`, {
      cause: error,
    });
  });

  return {
    url: `http://${hostForUrl(options.host)}:${port}`,
    port,
    server,
    statusUrl: `http://${hostForUrl(options.statusHost)}:${statusPort}${STATUS_PATH}`,
    statusServer,
    status: snapshot,
    buildNow: () => queue.buildNow(),
    whenIdle: () => queue.whenIdle(),
    whenSearchIdle: async (opts) => search?.whenIdle(opts),
    async stop() {
      const settled = queue.stop();
      cycles.abort('the rebuild service is stopping');
      await settled;
      await cycles.stop();
      await search?.stop();
      await options.site?.stop();
      await Promise.all([server, statusServer].map(closeServer));
      releaseSitesDir();
    },
  };
}
