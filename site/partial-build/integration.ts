/**
 * Keeps a full static build's renderer warm (SITE_RENDERER=warm, set by render-server.ts): the
 * same prerendering app that wrote every page, with its bundled components, styles and image
 * names, stays in memory after the build, so a later content change renders only the pages it
 * touches (update.ts), byte for byte as the full build would have.
 *
 * What it keeps, through Astro's prerenderer hook: the app, the route each path was rendered
 * with, and the image pipeline's hook that names optimised images (Astro removes it at the end
 * of a build; without it a page would link /_image URLs instead of the build's files). After the
 * build it keeps the arguments of the other integrations' build-done step (the sitemap, the
 * redirects and the media files run again after a partial render).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroConfig, AstroIntegration, AstroPrerenderer } from 'astro';
import { buildSession } from '../src/lib/build-session';
import { createPartialRenderer, type WarmBuild } from './update';

type StaticImageHook = (...args: unknown[]) => string;
interface AstroAssetGlobal {
  astroAsset?: { addStaticImage?: StaticImageHook };
}

export default function warmRendererIntegration(): AstroIntegration {
  const routes: WarmBuild['routes'] = new Map();
  let prerenderer: AstroPrerenderer | undefined;
  let addStaticImage: StaticImageHook | undefined;
  let integrations: AstroIntegration[] = [];
  let site: URL | undefined;
  let imageConfig: AstroConfig['image'] | undefined;

  return {
    name: 'koper-otok:warm-renderer',
    hooks: {
      'astro:config:done': ({ config }) => {
        integrations = config.integrations.filter((integration) => integration.name !== 'koper-otok:warm-renderer');
        site = config.site ? new URL(config.site) : undefined;
        imageConfig = config.image;
      },
      'astro:build:start': ({ setPrerenderer }) => {
        setPrerenderer((defaults: AstroPrerenderer) => {
          const warm: AstroPrerenderer = {
            ...defaults,
            name: 'koper-otok:warm',
            async setup() {
              await defaults.setup?.();
              addStaticImage = (globalThis as AstroAssetGlobal).astroAsset?.addStaticImage;
            },
            render(request, options) {
              routes.set(new URL(request.url).pathname, options.routeData);
              return defaults.render(request, options);
            },
          };
          prerenderer = warm;
          return warm;
        });
      },
      'astro:build:done': ({ dir, pages, assets, logger }) => {
        if (!prerenderer || !site || !imageConfig) throw new Error('the warm renderer saw no prerendering step');
        buildSession().warmRenderer = createPartialRenderer({
          prerenderer,
          routes,
          site,
          pages: pages.map(({ pathname }) => pathname),
          restoreImageHook: () => {
            const slot = ((globalThis as AstroAssetGlobal).astroAsset ??= {});
            slot.addStaticImage ??= addStaticImage;
          },
          buildDone: async (outDir, pageNames, log, skip, only) => {
            for (const integration of integrations) {
              if (skip.includes(integration.name) || (only && !only.includes(integration.name))) continue;
              await integration.hooks['astro:build:done']?.({
                dir: pathToFileURL(`${outDir}/`),
                pages: pageNames.map((pathname) => ({ pathname })),
                assets,
                logger: log,
              });
            }
          },
          logger,
          outDir: fileURLToPath(dir),
          imageConfig,
        });
      },
    },
  };
}
