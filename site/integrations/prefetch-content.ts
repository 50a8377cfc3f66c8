/**
 * Starts fetching the content from Strapi the moment a build is set up, instead of when Astro
 * first asks for the pages after bundling the site: Strapi works on the fetch (on the other
 * core) while Astro bundles, and the markdown of each page of results is rendered as it
 * arrives. The pages then take the same in-flight fetch (src/lib/cms/load.ts). The import is
 * static on purpose: Astro closes the module runner that loaded the config before this hook
 * runs, so a dynamic import here fails.
 */
import type { AstroIntegration } from 'astro';
import { startBuildFetch } from '../src/lib/cms/load';

export default function prefetchContentIntegration(): AstroIntegration {
  return {
    name: 'koper-otok:prefetch-content',
    hooks: {
      // Before the markdown cache is read (integrations/markdown-cache.ts, listed after this one,
      // opens it in the same set-up step, before any answer is handled): Strapi answers the first
      // pages while this process parses the cache.
      'astro:config:setup': ({ command }) => {
        if (command === 'build') startBuildFetch();
      },
    },
  };
}
