/**
 * Copies the media files that page bodies link to (src/lib/media/site-media.ts records them)
 * into the build under /media/, from a download cache in Astro's cache folder. A file that
 * cannot be downloaded fails the build: the page would link to nothing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSession } from '../src/lib/build-session';
import { copyMediaFiles } from '../src/lib/media/media-downloads';

export default function mediaFilesIntegration(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'koper-otok:media-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), 'media-files');
      },
      'astro:build:done': async ({ dir, logger }) => {
        const files = buildSession().mediaFiles;
        if (files.size === 0) return;
        const { copied, downloaded, unchanged } = await copyMediaFiles(files, fileURLToPath(dir), cacheDir);
        logger.info(`${copied} media files copied into the site: ${downloaded} downloaded, ${unchanged} unchanged`);
        files.clear();
      },
    },
  };
}
