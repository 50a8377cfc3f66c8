/** How many revisions to keep per entry and locale: REVISIONS_KEEP, 100 unless set. */
export const DEFAULT_REVISIONS_KEEP = 100;

export function revisionsToKeep(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.REVISIONS_KEEP?.trim();
  if (!raw) return DEFAULT_REVISIONS_KEEP;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new Error(`REVISIONS_KEEP must be a whole number of at least 1, got "${env.REVISIONS_KEEP}"`);
  return Number(raw);
}
