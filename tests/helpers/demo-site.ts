/** The seeded demo, built once for a suite: a real Strapi, a real Astro build, served locally. */
import path from 'node:path';
import { buildSite } from '../../scripts/lib/site-build.ts';
import { startTestCms, tempDir, type TestCms } from './cms';
import { serveDirectory, type ServedSite } from './browser';

export const SITE_URL = 'https://www.koper-otok.test';

/** One page of each type of the seeded demo, in Slovenian and English. */
export const DEMO_PAGE_TYPES: Record<string, [sl: string, en: string]> = {
  home: ['/', '/en/'],
  news: ['/novice/', '/en/news/'],
  article: [
    '/novice/nov-vodic-po-ponudbi-mestnega-jedra-za-tuje-turiste/',
    '/en/news/a-new-guide-to-the-old-town-for-foreign-visitors/',
  ],
  workshops: ['/delavnice/', '/en/workshops/'],
  workshop: [
    '/delavnice/delavnica-o-managementu-mestnih-sredisc-na-jesenicah/',
    '/en/workshops/town-centre-management-workshop-in-jesenice/',
  ],
  // The demo's example workshop with registration open: the form.
  'workshop with registration': [
    '/delavnice/primer-delavnica-s-spletno-prijavo/',
    '/en/workshops/example-a-workshop-with-online-registration/',
  ],
  'registration outcome': ['/prijava/poslano/', '/en/registration/sent/'],
  regions: ['/regije/', '/en/regions/'],
  region: ['/regije/gorenjska/', '/en/regions/upper-carniola/'],
  partners: ['/partnerji/', '/en/partners/'],
  partner: ['/partnerji/zavod-koper-otok/', '/en/partners/zavod-koper-otok/'],
  search: ['/iskanje/', '/en/search/'],
  page: ['/o-zavodu/', '/en/about/'],
};

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
