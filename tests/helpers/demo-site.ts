/** The seeded demo, built once for a suite: a real Strapi, a real Astro build, served locally. */
import path from 'node:path';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { startTestCms, tempDir, type TestCms } from './cms';
import { serveDirectory, type ServedSite } from './browser';

export const SITE_URL = 'https://www.koper-otok.test';

export interface DemoSite {
  cms: TestCms;
  outDir: string;
  served: ServedSite;
  dispose(): Promise<void>;
}

export async function buildDemoSite(options: { env?: NodeJS.ProcessEnv } = {}): Promise<DemoSite> {
  const cms = await startTestCms(options);
  try {
    const outDir = path.join(tempDir('site'), 'dist');
    await buildSite({ strapiUrl: cms.url, tokenFile: cms.tokenFile, siteUrl: SITE_URL, outDir, label: false });
    const served = await serveDirectory(outDir);
    return {
      cms,
      outDir,
      served,
      async dispose() {
        await served.close();
        await cms.dispose();
      },
    };
  } catch (error) {
    await cms.dispose();
    throw error;
  }
}
