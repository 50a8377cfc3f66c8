/**
 * What a deploy to a bucket does, decided before it touches the bucket, from the build and the
 * manifest the previous deploy left there (no I/O here):
 *   1. upload the new and changed assets (CSS, scripts, images, fonts, Pagefind's hashed index
 *      files), which no page yet references;
 *   2. then the new and changed pages, feeds, sitemaps, JSON (Pagefind's entry file among them);
 *   3. only then schedule the files the build no longer has for deletion after a grace period,
 *      so a visitor holding a page loaded just before still gets its CSS; deletions come due in
 *      a later deploy, or at the end of this one with no grace. A file that reappears in a build
 *      before its deletion is kept.
 * Files with the same content hash and headers as in the manifest are not uploaded again.
 */
import type { BuildFile } from './build-files.ts';
import { isPage } from './headers.ts';

export interface DeployedFile {
  sha256: string;
  size: number;
  contentType: string;
  cacheControl: string;
  redirect?: string;
  /** The build that uploaded this content. */
  build: string;
}

export interface PendingDeletion {
  /** ISO time from which the deletion may be carried out. */
  dueAt: string;
  /** What the object holds meanwhile (absent when it was never recorded), so a comeback need not upload. */
  file?: DeployedFile;
}

/** Kept in the bucket beside the site (manifest.ts); keys are relative to the target's prefix. */
export interface Manifest {
  version: 1;
  /** The build the bucket serves, once `staged` is empty. */
  build: string | null;
  deployedAt: string | null;
  files: Record<string, DeployedFile>;
  /**
   * Keys a deploy is writing: set before its first upload, emptied by its last step. A deploy
   * that stopped halfway leaves them here, and the next one trusts neither their recorded
   * content (it uploads them again) nor their absence from `files` (it deletes them if stale).
   */
  staged: string[];
  pendingDeletions: Record<string, PendingDeletion>;
}

export const emptyManifest = (): Manifest => ({
  version: 1,
  build: null,
  deployedAt: null,
  files: {},
  staged: [],
  pendingDeletions: {},
});

export interface DeployPlan {
  /** Uploaded first, in parallel. */
  assets: BuildFile[];
  /** Uploaded once every asset is there. */
  pages: BuildFile[];
  unchanged: BuildFile[];
  /** Pending deletions cancelled because the build has the file again. */
  unscheduled: string[];
  /** The manifest to write before the first upload. */
  staging: Manifest;
}

export interface FinishedDeploy {
  manifest: Manifest;
  /** Scheduled for deletion by this deploy. */
  scheduled: string[];
  /** Due now: deleted before the manifest is written. */
  deleteNow: string[];
}

const sameContent = (file: BuildFile, deployed: DeployedFile | undefined): boolean =>
  deployed !== undefined &&
  deployed.sha256 === file.sha256 &&
  deployed.contentType === file.contentType &&
  deployed.cacheControl === file.cacheControl &&
  deployed.redirect === file.redirect;

function recorded(manifest: Manifest, key: string): DeployedFile | undefined {
  if (manifest.staged.includes(key)) return undefined;
  return manifest.files[key] ?? manifest.pendingDeletions[key]?.file;
}

export function planDeploy(files: BuildFile[], manifest: Manifest): DeployPlan {
  const changed = files.filter((file) => !sameContent(file, recorded(manifest, file.path)));
  const unchanged = files.filter((file) => sameContent(file, recorded(manifest, file.path)));
  const inBuild = new Set(files.map((file) => file.path));
  return {
    assets: changed.filter((file) => !isPage(file.path)),
    pages: changed.filter((file) => isPage(file.path)),
    unchanged,
    unscheduled: Object.keys(manifest.pendingDeletions).filter((key) => inBuild.has(key)),
    staging: { ...manifest, staged: [...new Set([...manifest.staged, ...changed.map((file) => file.path)])] },
  };
}

function deployedFile(file: BuildFile, build: string): DeployedFile {
  const { sha256, size, contentType, cacheControl, redirect } = file;
  return { sha256, size, contentType, cacheControl, ...(redirect ? { redirect } : {}), build };
}

export interface FinishOptions {
  files: BuildFile[];
  /** The manifest read before the deploy. */
  previous: Manifest;
  buildId: string;
  /** When the last page was replaced: the grace period counts from here. */
  pagesReplacedAt: Date;
  graceSeconds: number;
}

/** The manifest after every page is replaced, with the stale files scheduled and those due now. */
export function finishDeploy(options: FinishOptions): FinishedDeploy {
  const { files, previous, buildId, pagesReplacedAt } = options;
  const inBuild = new Set(files.map((file) => file.path));
  const manifestFiles: Record<string, DeployedFile> = {};
  for (const file of files) {
    const earlier = recorded(previous, file.path);
    manifestFiles[file.path] = sameContent(file, earlier) ? earlier! : deployedFile(file, buildId);
  }
  const pending: Record<string, PendingDeletion> = Object.fromEntries(
    Object.entries(previous.pendingDeletions).filter(([key]) => !inBuild.has(key)),
  );
  const dueAt = new Date(pagesReplacedAt.getTime() + options.graceSeconds * 1000).toISOString();
  const candidates = [...Object.keys(previous.files), ...previous.staged];
  const scheduled = [...new Set(candidates)].filter((key) => !inBuild.has(key) && !(key in pending));
  for (const key of scheduled) pending[key] = { dueAt, ...(previous.files[key] ? { file: previous.files[key] } : {}) };
  const deleteNow = Object.keys(pending)
    .filter((key) => Date.parse(pending[key].dueAt) <= pagesReplacedAt.getTime())
    .sort();
  for (const key of deleteNow) delete pending[key];
  return {
    manifest: {
      version: 1,
      build: buildId,
      deployedAt: pagesReplacedAt.toISOString(),
      files: manifestFiles,
      staged: [],
      pendingDeletions: pending,
    },
    scheduled: scheduled.sort(),
    deleteNow,
  };
}
