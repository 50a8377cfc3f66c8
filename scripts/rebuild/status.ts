/**
 * What the rebuild service has done: the last build, the last error and counters, for GET /status
 * and for the one log line each build gets.
 */
import type { CycleResult } from './publish.ts';
import type { BuildReason, BuildRequest, QueueSnapshot } from './queue.ts';
import type { SearchStatus } from './search-follower.ts';
import { redact } from './redact.ts';

export interface BuildRecord {
  /** The build folder's id (data/site/builds/<id>); null until the build got its folder. */
  id: string | null;
  reason: BuildReason;
  attempt: number;
  /** Webhook events this build answers. */
  triggerEvents: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  result: 'running' | 'succeeded' | 'failed';
  /** Pages of a local build (null when the build happens elsewhere, e.g. in CI). */
  pages: number | null;
  /** What happened, when it was not a local build. */
  note: string | null;
  /** A whole build or a partial one (null until known, or when the build happens elsewhere). */
  mode: 'full' | 'partial' | null;
  /** Why a full build ran, or what a partial one rendered. */
  detail: string | null;
  /** Milliseconds per step of a partial build. */
  steps: Record<string, number> | null;
  error: string | null;
}

export interface Counters {
  buildsStarted: number;
  buildsSucceeded: number;
  buildsFailed: number;
  webhooksAccepted: number;
  webhooksRejected: number;
}

export interface ServiceStatus {
  state: 'idle' | 'building';
  liveBuildId: string | null;
  pendingEvents: number;
  nextBuildAt: string | null;
  nextBuildReason: BuildReason | null;
  /** When the last webhook was accepted. */
  lastWebhookAt: string | null;
  lastBuild: BuildRecord | null;
  lastSuccessfulBuild: BuildRecord | null;
  lastError: { at: string; buildId: string | null; message: string } | null;
  counters: Counters;
  /** Builds kept on disk, oldest first: the candidates for `npm run rollback`. */
  builds: string[];
  /** The search index following the live build (partial builds only; null otherwise). */
  search: SearchStatus | null;
}

const MAX_ERROR_CHARS = 4000;

export interface StatusTrackerOptions {
  now?: () => Date;
  /** Strings hidden from every recorded error besides what redact() finds (the service's own tokens). */
  secrets?: string[];
}

export function createStatusTracker({ now = () => new Date(), secrets = [] }: StatusTrackerOptions = {}) {
  const counters: Counters = {
    buildsStarted: 0,
    buildsSucceeded: 0,
    buildsFailed: 0,
    webhooksAccepted: 0,
    webhooksRejected: 0,
  };
  let lastBuild: BuildRecord | null = null;
  let lastSuccessfulBuild: BuildRecord | null = null;
  let lastError: ServiceStatus['lastError'] = null;
  let lastWebhookAt: string | null = null;

  function finish(record: BuildRecord): void {
    const finished = now();
    record.finishedAt = finished.toISOString();
    record.durationMs = finished.getTime() - Date.parse(record.startedAt);
  }

  return {
    counters,
    webhookAccepted(): void {
      counters.webhooksAccepted++;
      lastWebhookAt = now().toISOString();
    },
    webhookRejected: () => void counters.webhooksRejected++,
    lastBuild: () => lastBuild,

    buildStarted(request: BuildRequest): BuildRecord {
      counters.buildsStarted++;
      lastBuild = {
        id: null,
        reason: request.reason,
        attempt: request.attempt,
        triggerEvents: request.events,
        startedAt: now().toISOString(),
        finishedAt: null,
        durationMs: null,
        result: 'running',
        pages: null,
        note: null,
        mode: null,
        detail: null,
        steps: null,
        error: null,
      };
      return lastBuild;
    },

    buildSucceeded(record: BuildRecord, result: CycleResult): void {
      counters.buildsSucceeded++;
      finish(record);
      record.result = 'succeeded';
      record.pages = result.pages;
      record.note = result.note ?? null;
      record.mode = result.mode ?? null;
      record.detail = result.detail ?? null;
      record.steps = result.steps ?? null;
      lastSuccessfulBuild = record;
    },

    buildFailed(record: BuildRecord, error: unknown): void {
      counters.buildsFailed++;
      finish(record);
      record.result = 'failed';
      record.error = redact(errorMessage(error), process.env, secrets).slice(0, MAX_ERROR_CHARS);
      lastError = { at: record.finishedAt!, buildId: record.id, message: record.error };
    },

    snapshot(
      queue: QueueSnapshot,
      liveBuildId: string | null,
      builds: string[],
      search: SearchStatus | null = null,
    ): ServiceStatus {
      return {
        state: queue.building ? 'building' : 'idle',
        liveBuildId,
        pendingEvents: queue.pendingEvents,
        nextBuildAt: queue.nextBuildAt === null ? null : new Date(queue.nextBuildAt).toISOString(),
        nextBuildReason: queue.nextReason,
        lastWebhookAt,
        lastBuild,
        lastSuccessfulBuild,
        lastError,
        counters: { ...counters },
        builds,
        search,
      };
    },
  };
}

export type StatusTracker = ReturnType<typeof createStatusTracker>;

export const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
