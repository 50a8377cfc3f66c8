/**
 * The build queue of the rebuild service (scripts/rebuild/queue.ts) on vitest's fake clock:
 * debounce, coalescing, no overlap, follow-up builds and bounded retries.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBuildQueue,
  type BuildQueueOptions,
  type BuildRequest,
  type NextStep,
} from '../../scripts/rebuild/queue.ts';

const QUIET = 3000;
const MAX_DELAY = 30_000;
const RETRY_BASE = 1000;

/** A build whose outcome each test decides, recording what the queue asked for. */
function controllableBuilds() {
  const requests: BuildRequest[] = [];
  const finishers: ((ok: boolean) => void)[] = [];
  let running = 0;
  let maxRunning = 0;
  return {
    requests,
    get maxRunning() {
      return maxRunning;
    },
    get running() {
      return running;
    },
    build(request: BuildRequest): Promise<boolean> {
      requests.push(request);
      running++;
      maxRunning = Math.max(maxRunning, running);
      return new Promise<boolean>((resolve) => finishers.push(resolve)).finally(() => running--);
    },
    /** Settles the oldest unsettled build. */
    async finish(ok: boolean) {
      const finisher = finishers.shift();
      if (!finisher) throw new Error('no build is running');
      finisher(ok);
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

function queueWith(
  builds: { build(request: BuildRequest): Promise<boolean> },
  options: Partial<BuildQueueOptions> = {},
) {
  const settled: { ok: boolean; next: NextStep }[] = [];
  const queue = createBuildQueue({
    quietMs: QUIET,
    maxDelayMs: MAX_DELAY,
    maxRetries: 3,
    retryBaseMs: RETRY_BASE,
    build: (request) => builds.build(request),
    onSettled: (_request, ok, next) => settled.push({ ok, next }),
    ...options,
  });
  return { queue, settled };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('debounce and coalescing', () => {
  it('turns a burst of events into one build, once the quiet window has passed', async () => {
    const builds = controllableBuilds();
    const { queue } = queueWith(builds);
    for (let i = 0; i < 50; i++) {
      queue.push();
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(QUIET - 21);
    expect(builds.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(builds.requests).toEqual([{ reason: 'events', events: 50, attempt: 1 }]);
    await builds.finish(true);
    await vi.advanceTimersByTimeAsync(10 * QUIET);
    expect(builds.requests).toHaveLength(1);
    expect(queue.snapshot()).toEqual({ building: false, pendingEvents: 0, nextBuildAt: null, nextReason: null });
  });

  it('restarts the quiet window with every event', async () => {
    const builds = controllableBuilds();
    const { queue } = queueWith(builds);
    queue.push();
    await vi.advanceTimersByTimeAsync(QUIET - 1);
    queue.push();
    await vi.advanceTimersByTimeAsync(QUIET - 1);
    expect(builds.requests).toHaveLength(0);
    expect(queue.snapshot().pendingEvents).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(builds.requests).toHaveLength(1);
  });

  it('does not let a steady stream of events postpone the build beyond maxDelayMs', async () => {
    const builds = controllableBuilds();
    const { queue } = queueWith(builds);
    for (let elapsed = 0; elapsed < MAX_DELAY; elapsed += QUIET / 2) {
      expect(builds.requests).toHaveLength(0);
      queue.push();
      await vi.advanceTimersByTimeAsync(QUIET / 2);
    }
    expect(builds.requests).toHaveLength(1);
    expect(builds.requests[0].events).toBe(MAX_DELAY / (QUIET / 2));
  });
});

describe('builds never overlap', () => {
  it('answers events that arrive during a build with exactly one follow-up build after it', async () => {
    const builds = controllableBuilds();
    const { queue, settled } = queueWith(builds);
    queue.push();
    await vi.advanceTimersByTimeAsync(QUIET);
    expect(queue.snapshot().building).toBe(true);

    for (let i = 0; i < 20; i++) queue.push();
    await vi.advanceTimersByTimeAsync(10 * QUIET);
    expect(builds.requests).toHaveLength(1);
    expect(queue.snapshot().pendingEvents).toBe(20);

    await builds.finish(true);
    expect(settled[0].next.kind).toBe('follow-up');
    // The events have long been quiet, so the follow-up starts right away.
    await vi.advanceTimersByTimeAsync(0);
    expect(builds.requests).toHaveLength(2);
    expect(builds.requests[1]).toEqual({ reason: 'events', events: 20, attempt: 1 });
    await builds.finish(true);
    await vi.advanceTimersByTimeAsync(10 * QUIET);
    expect(builds.requests).toHaveLength(2);
    expect(builds.maxRunning).toBe(1);
  });

  it('waits for the quiet window before the follow-up when the last event is recent', async () => {
    const builds = controllableBuilds();
    const { queue } = queueWith(builds);
    queue.buildNow();
    await vi.advanceTimersByTimeAsync(0);
    queue.push();
    await builds.finish(true);
    expect(builds.requests).toHaveLength(1);
    expect(queue.snapshot().nextReason).toBe('events');
    await vi.advanceTimersByTimeAsync(QUIET);
    expect(builds.requests).toHaveLength(2);
  });

  it('builds right away on buildNow, and once more right after a running build', async () => {
    const builds = controllableBuilds();
    const { queue } = queueWith(builds);
    queue.buildNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(builds.requests).toEqual([{ reason: 'manual', events: 0, attempt: 1 }]);
    queue.buildNow();
    queue.buildNow();
    await vi.advanceTimersByTimeAsync(QUIET);
    expect(builds.requests).toHaveLength(1);
    await builds.finish(true);
    expect(builds.requests).toHaveLength(2);
    expect(builds.maxRunning).toBe(1);
  });
});

describe('failures', () => {
  it('retries a failed build with exponential backoff, a bounded number of times', async () => {
    const builds = controllableBuilds();
    const { queue, settled } = queueWith(builds, { maxRetries: 3 });
    queue.push();
    await vi.advanceTimersByTimeAsync(QUIET);
    await builds.finish(false);
    expect(settled.at(-1)!.next).toEqual({ kind: 'retry', attempt: 2, maxAttempts: 4, inMs: RETRY_BASE });

    for (const [delay, attempt] of [
      [RETRY_BASE, 2],
      [2 * RETRY_BASE, 3],
      [4 * RETRY_BASE, 4],
    ]) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(builds.requests).toHaveLength(attempt - 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(builds.requests.at(-1)).toEqual({ reason: 'retry', events: 0, attempt });
      await builds.finish(false);
    }
    expect(settled.at(-1)!.next).toEqual({ kind: 'gave-up', attempts: 4 });
    await vi.advanceTimersByTimeAsync(100 * RETRY_BASE);
    expect(builds.requests).toHaveLength(4);
    expect(queue.snapshot().nextBuildAt).toBeNull();
  });

  it('counts a build that throws as a failure', async () => {
    const { queue, settled } = queueWith({ build: () => Promise.reject(new Error('boom')) }, { maxRetries: 0 });
    queue.push();
    await vi.advanceTimersByTimeAsync(QUIET);
    expect(settled).toEqual([{ ok: false, next: { kind: 'gave-up', attempts: 1 } }]);
  });

  it('gives new events a fresh retry budget, and stops retrying after a success', async () => {
    const builds = controllableBuilds();
    const { queue, settled } = queueWith(builds, { maxRetries: 1 });
    queue.push();
    await vi.advanceTimersByTimeAsync(QUIET);
    await builds.finish(false);
    await vi.advanceTimersByTimeAsync(RETRY_BASE);
    await builds.finish(false);
    expect(settled.at(-1)!.next.kind).toBe('gave-up');

    queue.push();
    await vi.advanceTimersByTimeAsync(QUIET);
    expect(builds.requests.at(-1)).toEqual({ reason: 'events', events: 1, attempt: 1 });
    await builds.finish(false);
    expect(settled.at(-1)!.next).toMatchObject({ kind: 'retry', attempt: 2 });
    await vi.advanceTimersByTimeAsync(RETRY_BASE);
    await builds.finish(true);
    expect(settled.at(-1)).toEqual({ ok: true, next: { kind: 'none' } });
    await vi.advanceTimersByTimeAsync(100 * RETRY_BASE);
    expect(builds.requests).toHaveLength(4);
  });

  it('lets new events replace a planned retry', async () => {
    const builds = controllableBuilds();
    const { queue } = queueWith(builds);
    queue.push();
    await vi.advanceTimersByTimeAsync(QUIET);
    await builds.finish(false);
    expect(queue.snapshot().nextReason).toBe('retry');
    queue.push();
    expect(queue.snapshot().nextReason).toBe('events');
    await vi.advanceTimersByTimeAsync(QUIET);
    expect(builds.requests.at(-1)).toEqual({ reason: 'events', events: 1, attempt: 1 });
  });
});

describe('idle and stop', () => {
  it('resolves whenIdle only once nothing runs and nothing is planned', async () => {
    const builds = controllableBuilds();
    const { queue } = queueWith(builds);
    let idle = false;
    queue.push();
    void queue.whenIdle().then(() => (idle = true));
    await vi.advanceTimersByTimeAsync(QUIET);
    expect(idle).toBe(false);
    await builds.finish(true);
    expect(idle).toBe(true);
  });

  it('plans nothing after stop and lets the running build settle', async () => {
    const builds = controllableBuilds();
    const { queue } = queueWith(builds);
    queue.buildNow();
    await vi.advanceTimersByTimeAsync(0);
    queue.push();
    let stopped = false;
    void queue.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(QUIET);
    expect(stopped).toBe(false);
    await builds.finish(false);
    expect(stopped).toBe(true);
    queue.push();
    queue.buildNow();
    await vi.advanceTimersByTimeAsync(100 * QUIET);
    expect(builds.requests).toHaveLength(1);
  });
});
