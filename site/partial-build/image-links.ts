/**
 * Which build images (`/_astro/…` pictures) the files of a build link to. A full build writes
 * only the image versions its pages ask for, so when a partial build re-renders or removes the
 * last file linking an image (a cover replaced, a partner unpublished with the only page showing
 * its logo), the image has to go as well for the output to stay a full build's.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const IMAGE_LINK = /\/_astro\/[\w.-]+\.(?:avif|webp|png|jpe?g|gif|svg)\b/g;
/** Files that can link images: pages, feeds, data files and the stylesheets (background images). */
const LINKING_FILE = /\.(?:html|xml|json|ics|txt|css|webmanifest)$/;
/** Folders whose files never link build images: the search index and the media originals. */
const SKIPPED_FOLDERS = new Set(['pagefind', 'media']);

export const imagesLinkedBy = (body: string): string[] => [...new Set(body.match(IMAGE_LINK) ?? [])];

/** The changes of one partial build, applied to the links once the build succeeded. */
export interface ImageLinkPlan {
  /** Images some file linked before and none links after. */
  unlinked: string[];
  commit(): void;
}

export class ImageLinks {
  private readonly byFile = new Map<string, readonly string[]>();
  private readonly uses = new Map<string, number>();

  /** Reads every linking file of a build folder (`file` keys are paths relative to it). */
  static async scan(outDir: string): Promise<ImageLinks> {
    const links = new ImageLinks();
    const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile() && LINKING_FILE.test(entry.name))
      .map((entry) => path.relative(outDir, path.join(entry.parentPath, entry.name)))
      .filter((file) => !SKIPPED_FOLDERS.has(file.split(path.sep)[0]));
    // A few reads at a time: tens of thousands of pages, and the renderer keeps answering meanwhile.
    const queue = [...files];
    const reader = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift())
        links.set(file, imagesLinkedBy(await readFile(path.join(outDir, file), 'utf8')));
    };
    await Promise.all(Array.from({ length: 16 }, reader));
    return links;
  }

  /** What writing `written` (file → body) and deleting `removed` does to the links, not yet applied. */
  plan(written: ReadonlyMap<string, string>, removed: readonly string[]): ImageLinkPlan {
    const next = new Map<string, readonly string[]>();
    for (const [file, body] of written) next.set(file, imagesLinkedBy(body));
    for (const file of removed) next.set(file, []);
    const delta = new Map<string, number>();
    for (const [file, images] of next) {
      for (const image of this.byFile.get(file) ?? []) delta.set(image, (delta.get(image) ?? 0) - 1);
      for (const image of images) delta.set(image, (delta.get(image) ?? 0) + 1);
    }
    const unlinked = [...delta]
      .filter(([image, change]) => change < 0 && (this.uses.get(image) ?? 0) + change === 0)
      .map(([image]) => image);
    return {
      unlinked,
      commit: () => {
        for (const [file, images] of next) this.set(file, images);
      },
    };
  }

  private set(file: string, images: readonly string[]): void {
    for (const image of this.byFile.get(file) ?? []) this.count(image, -1);
    for (const image of images) this.count(image, +1);
    if (images.length > 0) this.byFile.set(file, images);
    else this.byFile.delete(file);
  }

  private count(image: string, change: number): void {
    const uses = (this.uses.get(image) ?? 0) + change;
    if (uses > 0) this.uses.set(image, uses);
    else this.uses.delete(image);
  }
}
