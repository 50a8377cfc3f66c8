/**
 * Keeps rendered markdown between static builds (src/lib/content/markdown-cache.ts), in
 * Astro's cache folder: opened before the build's fetch starts, written back once the pages
 * are built. A failed build writes nothing back.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { renderingRulesKey, useMarkdownCache } from '../src/lib/content/markdown';
import { openMarkdownCache, type MarkdownCache } from '../src/lib/content/markdown-cache';

export default function markdownCacheIntegration(): AstroIntegration {
  let cache: MarkdownCache | undefined;
  return {
    name: 'koper-otok:markdown-cache',
    hooks: {
      // At set-up, not when the config is done: later set-up hooks wait on the network (the
      // staff redirects), and pages of content that arrive meanwhile are rendered through the cache.
      'astro:config:setup': ({ config, logger }) => {
        try {
          cache = openMarkdownCache(fileURLToPath(config.cacheDir), renderingRulesKey());
          useMarkdownCache(cache);
        } catch (error) {
          // Only an optimisation: without it every body is rendered, as on a first build.
          logger.warn(`rendering all markdown afresh: no cache of earlier builds (${(error as Error).message})`);
        }
      },
      'astro:build:done': ({ logger }) => {
        if (!cache) return;
        const { entries, reused, rendered, written } = cache.save();
        logger.info(
          `${entries} markdown texts: ${reused} reused from the last build, ${rendered} rendered${written ? '' : ' (cache unchanged)'}`,
        );
        useMarkdownCache(undefined);
        cache = undefined;
      },
    },
  };
}
