/**
 * When to build. Webhooks come in bursts (one per locale and entry, hundreds when staff publish
 * in bulk), builds take seconds, and a build must never overlap another. The queue:
 *   - debounces: a build starts once no event arrived for `quietMs`, but no later than
 *     `maxDelayMs` after the first waiting event, so a steady stream cannot starve the site;
 *   - coalesces: however many events wait, they cause one build; events that arrive during a
 *     build cause exactly one follow-up build after it;
 *   - runs one build at a time;
 *   - retries a failed build with exponential backoff, at most `maxRetries` times; new events
 *     start a fresh budget, since they bring content the failed builds never tried.
 * It knows nothing about Astro or HTTP: `build` is any function that reports success.
 */

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

// Looked up at call time, so vitest's fake timers (installed after import) take effect.
const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export type BuildReason = 'events' | 'retry' | 'manual';

export interface BuildRequest {
  reason: BuildReason;
  /** Webhook events this build answers (0 for a retry of a build that already took them). */
  events: number;
  /** 1 for the first try, 2 for the first retry, and so on. */
  attempt: number;
}

/** What the queue does after a build; the service puts it in the build's log line. */
export type NextStep =
  | { kind: 'none' }
  | { kind: 'follow-up'; inMs: number }
  | { kind: 'retry'; attempt: number; maxAttempts: number; inMs: number }
  | { kind: 'gave-up'; attempts: number };

export interface BuildQueueOptions {
  quietMs: number;
  maxDelayMs: number;
  maxRetries: number;
  retryBaseMs: number;
  /** Runs one build; resolves true on success. A rejection counts as a failure. */
  build(request: BuildRequest): Promise<boolean>;
  onSettled?(request: BuildRequest, ok: boolean, next: NextStep): void;
  timers?: Timers;
}

export interface QueueSnapshot {
  building: boolean;
  pendingEvents: number;
  /** When the next build is due (ms since the epoch), or null when none is planned. */
  nextBuildAt: number | null;
  nextReason: BuildReason | null;
}

export interface BuildQueue {
  /** Records webhook events; a build follows once they stop arriving. */
  push(events?: number): void;
  /** Builds as soon as possible (right away, or right after the running build). */
  buildNow(): void;
  snapshot(): QueueSnapshot;
  /** Resolves once nothing is running and nothing is planned. */
  whenIdle(): Promise<void>;
  /** Plans nothing more and resolves when the running build (if any) has settled. */
  stop(): Promise<void>;
}

export function createBuildQueue(options: BuildQueueOptions): BuildQueue {
  const timers = options.timers ?? systemTimers;
  let building = false;
  let stopped = false;
  let pendingEvents = 0;
  let firstPendingAt: number | null = null;
  let lastEventAt = 0;
  let manualRequested = false;
  let consecutiveFailures = 0;
  let timer: unknown = null;
  let nextBuildAt: number | null = null;
  let nextReason: BuildReason | null = null;
  let idleWaiters: (() => void)[] = [];

  const isIdle = () => !building && timer === null;

  function notifyIfIdle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  function cancelTimer(): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    nextBuildAt = null;
    nextReason = null;
  }

  function schedule(reason: BuildReason, delayMs: number): void {
    cancelTimer();
    nextReason = reason;
    nextBuildAt = timers.now() + delayMs;
    timer = timers.setTimeout(() => {
      timer = null;
      nextBuildAt = null;
      nextReason = null;
      void run(reason);
    }, delayMs);
  }

  /** Time until the waiting events should be built: the quiet window, capped by maxDelayMs. */
  function debounceDelay(): number {
    const due = Math.min(lastEventAt + options.quietMs, (firstPendingAt ?? lastEventAt) + options.maxDelayMs);
    return Math.max(0, due - timers.now());
  }

  async function run(reason: BuildReason): Promise<void> {
    building = true;
    if (reason !== 'retry') consecutiveFailures = 0;
    const request: BuildRequest = { reason, events: pendingEvents, attempt: consecutiveFailures + 1 };
    pendingEvents = 0;
    firstPendingAt = null;
    manualRequested = false;

    let ok: boolean;
    try {
      ok = await options.build(request);
    } catch {
      ok = false; // a build that throws instead of answering false has failed all the same
    }
    building = false;
    consecutiveFailures = ok ? 0 : consecutiveFailures + 1;
    const next = planNext(ok);
    options.onSettled?.(request, ok, next);
    notifyIfIdle();
  }

  function planNext(ok: boolean): NextStep {
    if (stopped) return { kind: 'none' };
    if (pendingEvents > 0) {
      schedule('events', debounceDelay());
      return { kind: 'follow-up', inMs: nextBuildAt! - timers.now() };
    }
    if (manualRequested) {
      schedule('manual', 0);
      return { kind: 'follow-up', inMs: 0 };
    }
    if (ok) return { kind: 'none' };
    if (consecutiveFailures <= options.maxRetries) {
      const inMs = options.retryBaseMs * 2 ** (consecutiveFailures - 1);
      schedule('retry', inMs);
      return { kind: 'retry', attempt: consecutiveFailures + 1, maxAttempts: options.maxRetries + 1, inMs };
    }
    return { kind: 'gave-up', attempts: consecutiveFailures };
  }

  function whenIdle(): Promise<void> {
    if (isIdle()) return Promise.resolve();
    return new Promise((resolve) => idleWaiters.push(resolve));
  }

  return {
    push(events = 1) {
      if (stopped) return;
      const now = timers.now();
      pendingEvents += events;
      lastEventAt = now;
      firstPendingAt ??= now;
      // A running build gets its follow-up when it ends; an imminent manual build takes these too.
      if (building || nextReason === 'manual') return;
      schedule('events', debounceDelay());
    },
    buildNow() {
      if (stopped) return;
      if (building) manualRequested = true;
      else schedule('manual', 0);
    },
    snapshot: () => ({ building, pendingEvents, nextBuildAt, nextReason }),
    whenIdle,
    stop() {
      stopped = true;
      cancelTimer();
      notifyIfIdle();
      return whenIdle();
    },
  };
}
