/**
 * A JSON snapshot of everything the site reads from Strapi. SITE_CONTENT_SNAPSHOT_OUT=<file>
 * writes one after fetching; SITE_CONTENT_SNAPSHOT=<file> builds from it with no network at
 * all. The benchmarks use the pair to measure what fetching over GraphQL costs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CmsRecords } from './records';

export const snapshotInput = () => process.env.SITE_CONTENT_SNAPSHOT || undefined;
export const snapshotOutput = () => process.env.SITE_CONTENT_SNAPSHOT_OUT || undefined;

export function readSnapshot(file: string): CmsRecords {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CmsRecords;
  } catch (error) {
    throw new Error(`SITE_CONTENT_SNAPSHOT=${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
}

export function writeSnapshot(file: string, records: CmsRecords): void {
  writeFileSync(file, JSON.stringify(records));
}
