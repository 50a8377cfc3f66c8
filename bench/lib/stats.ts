/** Small helpers for summarising repeated measurements. */

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The median of each numeric field over runs of the same shape (null where a run has none). */
export function medianOf<T extends object>(
  runs: T[],
): { [K in keyof T]: T[K] extends number ? number : T[K] extends number | null ? number | null : T[K] } {
  const first = runs[0] as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(first)) {
    const values = runs.map((run) => (run as Record<string, unknown>)[key]);
    result[key] = values.every((v) => typeof v === 'number') ? round(median(values as number[]), 1) : first[key];
  }
  return result as never;
}
