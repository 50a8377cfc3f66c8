/** The one log line each build gets, and the sentence of a failed build's output that says why. */
import type { NextStep } from './queue.ts';
import type { BuildRecord } from './status.ts';

/**
 * The line of a failed build's output that says why: a build's error carries the tail of
 * Astro's output, mostly progress lines and stack frames around the one sentence that matters.
 * A line that reads like an error wins; otherwise the first line that is not noise.
 */
export function failureReason(message: string): string {
  const [first, ...rest] = message.split('\n');
  if (!/failed with exit code/.test(first)) return first;
  const lines = rest
    .map((line) => line.trim())
    .filter((line) => line !== '' && !NOISE.some((pattern) => pattern.test(line)));
  return lines.find((line) => ERROR_WORDS.test(line)) ?? lines[0] ?? first;
}

const NOISE = [/^at\s/, /^(Stack trace|Caused by):?$/i, /^generating static routes$/i];
const ERROR_WORDS = /\b(error|failed|cannot|refused|ECONN\w+|ENOENT|EACCES|timed? ?out|invalid|not found)\b/i;

const seconds = (ms: number | null) => `${((ms ?? 0) / 1000).toFixed(1)} s`;

function describeNext(next: NextStep): string {
  switch (next.kind) {
    case 'follow-up':
      return `; more changes arrived meanwhile, next build in ${seconds(next.inMs)}`;
    case 'retry':
      return `; retry ${next.attempt}/${next.maxAttempts} in ${seconds(next.inMs)}`;
    case 'gave-up':
      return `; gave up after ${next.attempts} attempts, the next publish tries again`;
    default:
      return '';
  }
}

function buildCause(record: BuildRecord): string {
  const events = `${record.triggerEvents} webhook event(s)`;
  if (record.reason === 'retry') return `retry, attempt ${record.attempt}`;
  if (record.reason === 'manual') return record.triggerEvents > 0 ? `requested, with ${events}` : 'requested';
  return events;
}

/** One log line per build. */
export function buildLogLine(record: BuildRecord, next: NextStep, liveBuildId: string | null): string {
  const cause = buildCause(record);
  if (record.result === 'succeeded') {
    const how = record.mode ? ` (${record.mode}: ${record.detail})` : '';
    const what = record.id ? `build ${record.id} is live${how}: ${record.pages} pages` : (record.note ?? 'done');
    return `rebuild: ${what} in ${seconds(record.durationMs)} (${cause})${describeNext(next)}`;
  }
  return (
    `rebuild: build ${record.id ?? '(none)'} FAILED after ${seconds(record.durationMs)} (${cause}): ${failureReason(record.error ?? '')}; ` +
    `the live site stays at ${liveBuildId ?? '(no build yet)'}${describeNext(next)}`
  );
}
