/** Runs `task` over `items` with at most `concurrency` at once; the first failure rejects. */
export async function inParallel<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let nextIndex = 0;
  let failed = false;
  const worker = async () => {
    // After a failure the other workers finish the task in hand and take no new one.
    while (!failed && nextIndex < items.length) {
      try {
        await task(items[nextIndex++]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
