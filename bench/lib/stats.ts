/** Small helpers for summarising repeated measurements. */

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** The median of each numeric field over runs of the same shape; other fields are the first run's. */
export function medianOf<T extends object>(runs: T[]): T {
  const first = runs[0];
  const medians: Record<string, number> = {};
  for (const key of Object.keys(first)) {
    const values = runs.map((run) => (run as Record<string, unknown>)[key]);
    if (values.every((v) => typeof v === 'number')) medians[key] = round(median(values as number[]), 1);
  }
  return { ...first, ...medians };
}
