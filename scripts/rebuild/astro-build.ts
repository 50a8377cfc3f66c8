/** The real build: Astro over Strapi's GraphQL API (scripts/lib/site-build.ts), output kept quiet. */
import { buildSite } from '../lib/site-build.ts';
import type { BuildFunction } from './publish.ts';

export interface AstroBuildOptions {
  strapiUrl: string;
  /** File holding Strapi's read-only API token (or set STRAPI_TOKEN in the environment). */
  tokenFile?: string;
  siteUrl: string;
  redirectsFile?: string;
  /** The live build's path history, so a changed slug leaves a redirect behind. */
  pathHistoryFile?: string;
}

// Astro prints dozens of lines per build; the service logs one line per build instead, and a
// failed build's error carries the tail of Astro's output.
export const astroBuild =
  (options: AstroBuildOptions): BuildFunction =>
  async (outDir, signal) => {
    await buildSite({ ...options, outDir, label: false, signal });
  };
