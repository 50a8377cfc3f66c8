/**
 * Lighthouse scores and page weight of the demo site, measured on this machine:
 * boots a throw-away Strapi with the demo content, builds the site, serves it on loopback,
 * runs Lighthouse (npm) in Debian's Chromium on the home, an article and a workshop page,
 * and sums the gzip size of everything each page loads.
 *   npm run bench:site-quality
 * Writes bench/results/site-quality.json (replacing the previous run's) and prints a table.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite } from '../scripts/lib/site-build.ts';
import { generateSecrets, startStrapi } from '../scripts/lib/strapi.ts';
import { startStaticServer } from '../scripts/lib/static-server.ts';
import { runProcess } from '../scripts/lib/processes.ts';
import { binDir, repoRoot } from '../scripts/lib/paths.ts';
import { CHROME_FLAGS, CHROMIUM, pageWeight, type PageWeight } from './lib/page-weight.ts';

const PAGES = {
  home: '/',
  article: '/novice/nov-vodic-po-ponudbi-mestnega-jedra-za-tuje-turiste/',
  workshop: '/delavnice/delavnica-o-managementu-mestnih-sredisc-na-jesenicah/',
};
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

async function lighthouse(url: string, workDir: string): Promise<Record<string, number>> {
  const report = path.join(workDir, `lh-${Date.now()}.json`);
  await runProcess(
    path.join(binDir, 'lighthouse'),
    [
      url,
      '--quiet',
      `--chrome-flags=${CHROME_FLAGS}`,
      `--only-categories=${CATEGORIES.join(',')}`,
      '--output=json',
      `--output-path=${report}`,
    ],
    { cwd: workDir, label: false, env: { CHROME_PATH: CHROMIUM } },
  );
  const { categories } = JSON.parse((await import('node:fs')).readFileSync(report, 'utf8'));
  return Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(categories[c].score * 100)]));
}

const workDir = mkdtempSync(path.join(tmpdir(), 'koper-otok-quality-'));
const strapi = await startStrapi({ dataDir: workDir, env: { ...generateSecrets(), SEED_DEMO: 'true' } });
try {
  const outDir = path.join(workDir, 'site');
  const server = await startStaticServer(() => outDir, 0);
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  await buildSite({ strapiUrl: strapi.url, tokenFile: strapi.tokenFile, siteUrl: base, outDir, label: false });
  const results: Record<string, { path: string; lighthouse: Record<string, number>; weight: PageWeight }> = {};
  for (const [name, urlPath] of Object.entries(PAGES)) {
    results[name] = {
      path: urlPath,
      lighthouse: await lighthouse(base + urlPath, workDir),
      weight: await pageWeight(base + urlPath),
    };
    console.log(name, JSON.stringify(results[name]));
  }
  server.close();
  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(path.join(repoRoot, 'bench', 'results'), { recursive: true });
  const file = path.join(repoRoot, 'bench', 'results', 'site-quality.json');
  writeFileSync(
    file,
    JSON.stringify(
      { date, machine: 'node (2 cores, 24 GiB)', lighthouseMode: 'default (mobile, simulated throttling)', results },
      null,
      2,
    ) + '\n',
  );
  console.log(
    `\n| page | performance | accessibility | best practices | SEO | transferred (gzip) | JS |\n|---|---|---|---|---|---|---|`,
  );
  for (const [name, r] of Object.entries(results)) {
    const s = r.lighthouse;
    console.log(
      `| ${name} | ${s.performance} | ${s.accessibility} | ${s['best-practices']} | ${s.seo} | ${(r.weight.total / 1024).toFixed(1)} KB | ${r.weight.js} B |`,
    );
  }
  console.log(`\nwritten to ${path.relative(repoRoot, file)}`);
} finally {
  await strapi.stop();
  rmSync(workDir, { recursive: true, force: true });
}
