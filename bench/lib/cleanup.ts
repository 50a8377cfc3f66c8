/**
 * Stops what a benchmark started when it is interrupted (Ctrl-C, SIGTERM): Strapi, builds and
 * Hugo run in their own process groups, so they would otherwise outlive the benchmark.
 */
const running = new Set<() => Promise<void>>();
let installed = false;

function install(): void {
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`bench: ${signal}, stopping what the benchmark started…`);
      void Promise.allSettled([...running].map((stop) => stop())).then(() => process.exit(130));
    });
  }
}

/** Registers `stop` until the returned function is called. */
export function stopOnInterrupt(stop: () => Promise<void>): () => void {
  if (!installed) install();
  running.add(stop);
  return () => running.delete(stop);
}
