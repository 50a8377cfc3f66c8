/** Well-known folders of the repository, so no script guesses relative paths. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cmsDir = path.join(repoRoot, 'cms');
export const siteDir = path.join(repoRoot, 'site');
export const contentTypesDir = path.join(repoRoot, 'content-types');
export const dataDir = path.join(repoRoot, 'data');
export const binDir = path.join(repoRoot, 'node_modules', '.bin');
