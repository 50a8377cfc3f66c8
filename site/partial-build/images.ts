/**
 * Optimised images a partial rebuild needs that the live build does not have (a new cover, a
 * replaced logo). Rendering a page records each image version it links to in Astro's static
 * image list (the hook integration.ts keeps); the ones missing from the output folder are made
 * here the way Astro's build makes them: the original fetched, then the configured image
 * service's transform with the same options and settings, so the bytes are the same.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AstroConfig, AstroIntegrationLogger } from 'astro';
import sharpService from 'astro/assets/services/sharp';
import { PartialRefusal } from './refusal';

interface StaticImage {
  finalPath: string;
  transform: Record<string, unknown>;
}
interface AstroAssetGlobal {
  astroAsset?: { staticImages?: Map<string, { transforms: Map<string, StaticImage> }> };
}

/** The image versions rendering has asked for, by their path in the site. */
function requestedImages(): Map<string, { original: string; transform: Record<string, unknown> }> {
  const byPath = new Map<string, { original: string; transform: Record<string, unknown> }>();
  const images = (globalThis as AstroAssetGlobal).astroAsset?.staticImages ?? new Map();
  for (const [original, { transforms }] of images)
    for (const { finalPath, transform } of transforms.values()) byPath.set(finalPath, { original, transform });
  return byPath;
}

async function fetchOriginal(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`image ${url} cannot be downloaded: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Makes the missing `/_astro/` images among `assets`; refuses what only a full build can make. */
export async function makeMissingImages(
  outDir: string,
  assets: readonly string[],
  imageConfig: AstroConfig['image'],
  logger: AstroIntegrationLogger,
): Promise<number> {
  const requested = requestedImages();
  const originals = new Map<string, Promise<Uint8Array>>();
  let made = 0;
  for (const asset of assets) {
    const image = requested.get(asset);
    if (!image) throw new PartialRefusal(`${asset} is linked but no image version was asked for`);
    if (!/^https?:\/\//.test(image.original)) throw new PartialRefusal(`${asset} comes from a local file`);
    if (!originals.has(image.original)) originals.set(image.original, fetchOriginal(image.original));
    const { data } = await sharpService.transform(
      await originals.get(image.original)!,
      { ...image.transform, src: image.original },
      imageConfig,
      logger,
    );
    const file = path.join(outDir, asset);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.partial`, data);
    renameSync(`${file}.partial`, file);
    made += existsSync(file) ? 1 : 0;
  }
  return made;
}
