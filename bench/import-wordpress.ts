/**
 * Import speed of the WordPress importer, measured on this machine:
 * scales the test fixture (tests/fixtures/wordpress) to a 2,000-post export in a temporary folder,
 * each copy with its own slugs, attachments and image files (so media are really uploaded, not
 * reused), boots a throw-away Strapi on SQLite with the demo content (for the regions), and
 * times a first import and a re-run (everything unchanged).
 *   npm run bench:import            (POSTS=500 npm run bench:import for a quicker look)
 * Writes bench/results/import-wordpress.json (replacing the previous run's) and prints the figures.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { generateSecrets, startStrapi } from '../scripts/lib/strapi.ts';
import { repoRoot } from '../scripts/lib/paths.ts';
import { readWxrFile, type WxrItem } from '../scripts/import-wordpress/parse-wxr.ts';
import { findLocalFile, uploadsPath } from '../scripts/import-wordpress/media-files.ts';
import { runImport, type ImportReport } from '../scripts/import-wordpress/import.ts';
import { createFullAccessToken } from '../scripts/import-wordpress/api-token.ts';
import { DEMO_ADMIN } from '../scripts/lib/demo-logins.ts';

const POSTS = Number(process.env.POSTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const FIXTURES = path.join(repoRoot, 'tests', 'fixtures', 'wordpress');

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

function itemXml(item: WxrItem): string {
  const terms = item.terms.map(
    (t) => `<category domain="${t.domain}" nicename="${t.nicename}">${cdata(t.name)}</category>`,
  );
  const meta = Object.entries(item.meta).map(
    ([k, v]) =>
      `<wp:postmeta><wp:meta_key>${cdata(k)}</wp:meta_key><wp:meta_value>${cdata(v)}</wp:meta_value></wp:postmeta>`,
  );
  return [
    '<item>',
    `<title>${cdata(item.title)}</title><link>${item.link.replaceAll('&', '&amp;')}</link>`,
    `<content:encoded>${cdata(item.content)}</content:encoded><excerpt:encoded>${cdata(item.excerpt)}</excerpt:encoded>`,
    `<wp:post_id>${item.id}</wp:post_id><wp:post_date>${cdata(item.date)}</wp:post_date><wp:post_date_gmt>${cdata(item.dateGmt)}</wp:post_date_gmt>`,
    `<wp:post_name>${cdata(item.postName)}</wp:post_name><wp:status>${cdata(item.status)}</wp:status>`,
    `<wp:post_parent>${item.parentId}</wp:post_parent><wp:menu_order>${item.menuOrder}</wp:menu_order>`,
    `<wp:post_type>${cdata(item.type)}</wp:post_type><wp:post_password>${cdata(item.password)}</wp:post_password>`,
    item.attachmentUrl ? `<wp:attachment_url>${cdata(item.attachmentUrl)}</wp:attachment_url>` : '',
    ...terms,
    ...meta,
    '</item>',
  ].join('\n');
}

/**
 * Copy number `n` of a fixture post and the attachments it uses: new ids, slugs, titles and
 * permalinks, and its uploads moved under "b<n>/" so every copy has its own files.
 */
function clonePost(post: WxrItem, n: number, attachments: WxrItem[]): WxrItem[] {
  const id = 10_000 + n;
  const relocate = (text: string) => text.replaceAll('/wp-content/uploads/', `/wp-content/uploads/b${n}/`);
  const used = attachments.filter((a) => a.parentId === post.id || post.meta._thumbnail_id === String(a.id));
  const newIds = new Map(used.map((a, k) => [a.id, 1_000_000 + n * 10 + k]));
  const content = relocate(post.content).replace(
    /ids="([\d,]+)"/g,
    (_, ids: string) =>
      `ids="${ids
        .split(',')
        .map((i) => newIds.get(Number(i)) ?? i)
        .join(',')}"`,
  );
  const suffix = `-b${n}`;
  const clone: WxrItem = {
    ...post,
    id,
    title: post.title ? `${post.title} (${n})` : '',
    postName: post.postName ? `${post.postName}${suffix}` : '',
    link: post.postName
      ? post.link.replace(`/${post.postName}/`, `/${post.postName}${suffix}/`)
      : `https://www.koper-otok.si/?p=${id}`,
    content,
    meta: {
      ...post.meta,
      ...(post.meta._thumbnail_id
        ? { _thumbnail_id: String(newIds.get(Number(post.meta._thumbnail_id)) ?? post.meta._thumbnail_id) }
        : {}),
    },
  };
  return [
    clone,
    ...used.map((a) => ({ ...a, id: newIds.get(a.id)!, parentId: id, attachmentUrl: relocate(a.attachmentUrl) })),
  ];
}

/** Copies into `uploadsDir` every fixture file the generated items point to. */
function copyReferencedUploads(items: WxrItem[], siteUrl: string, uploadsDir: string): number {
  const fixtureUploads = path.join(FIXTURES, 'uploads');
  const referenced = new Set<string>();
  for (const item of items) {
    for (const m of `${item.content} ${item.attachmentUrl}`.matchAll(
      /https?:\/\/[^\s"')\]]+\/wp-content\/uploads\/[^\s"')\]]+/g,
    )) {
      const relative = uploadsPath(m[0], siteUrl);
      if (relative) referenced.add(relative);
    }
  }
  let copied = 0;
  for (const relative of referenced) {
    const source = findLocalFile(fixtureUploads, relative.replace(/^b\d+\//, ''));
    if (!source) continue; // the fixture's deliberately missing file stays missing
    const target = path.join(uploadsDir, relative.replace(/[^/]+$/, path.basename(source.relative)));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(source.absolute, target);
    copied++;
  }
  return copied;
}

function generateExport(workDir: string): { file: string; uploadsDir: string; files: number } {
  const wxr = readWxrFile(path.join(FIXTURES, 'export.xml'));
  const posts = wxr.items.filter((i) => i.type === 'post');
  const attachments = wxr.items.filter((i) => i.type === 'attachment');
  const items = Array.from({ length: POSTS }, (_, n) => clonePost(posts[n % posts.length], n, attachments)).flat();
  const uploadsDir = path.join(workDir, 'uploads');
  const files = copyReferencedUploads(items, wxr.siteUrl, uploadsDir);
  const file = path.join(workDir, 'export-large.xml');
  writeFileSync(
    file,
    [
      '<?xml version="1.0" encoding="UTF-8" ?>',
      '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">',
      `<channel><title>Bench</title><link>${wxr.siteUrl}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${wxr.siteUrl}</wp:base_site_url>`,
      ...items.map(itemXml),
      '</channel></rss>',
    ].join('\n'),
  );
  return { file, uploadsDir, files };
}

/** Speed over all posts of the export (skipped ones included) and over the articles written. */
const summary = (report: ImportReport) => {
  const seconds = report.durationMs / 1000;
  const articles = report.counts.created + report.counts.updated + report.counts.unchanged;
  return {
    seconds: +seconds.toFixed(1),
    postsPerSecond: +(POSTS / seconds).toFixed(1),
    articlesPerSecond: +(articles / seconds).toFixed(1),
    counts: report.counts,
    media: { uploaded: report.media.uploaded, reused: report.media.reused, missing: report.media.missing.length },
  };
};

const workDir = mkdtempSync(path.join(tmpdir(), 'koper-otok-bench-import-'));
const generated = generateExport(workDir);
console.log(
  `bench: generated ${POSTS} posts (${(readFileSync(generated.file).length / 1e6).toFixed(1)} MB of WXR, ${generated.files} upload files) in ${workDir}`,
);

const parseStarted = Date.now();
readWxrFile(generated.file);
const parseSeconds = (Date.now() - parseStarted) / 1000;

const strapi = await startStrapi({
  dataDir: path.join(workDir, 'cms'),
  env: { ...generateSecrets(), SEED_DEMO: 'true', NODE_ENV: 'development' },
});
try {
  const token = await createFullAccessToken(strapi.url, DEMO_ADMIN);
  const options = {
    file: generated.file,
    uploadsDir: generated.uploadsDir,
    strapiUrl: strapi.url,
    token,
    redirectsFile: path.join(workDir, 'redirects.json'),
    concurrency: CONCURRENCY,
  };
  const first = summary(await runImport(options));
  console.log(`bench: first import ${first.seconds} s, ${first.postsPerSecond} posts/s`, first.counts, first.media);
  const rerun = summary(await runImport(options));
  console.log(`bench: re-run ${rerun.seconds} s, ${rerun.postsPerSecond} posts/s`, rerun.counts);

  const date = new Date().toISOString().slice(0, 10);
  const result = {
    date,
    command: 'npm run bench:import',
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version },
    setup: `fixture tests/fixtures/wordpress/export.xml scaled to ${POSTS} posts; Strapi 5 on SQLite (strapi start, same machine); concurrency ${CONCURRENCY}`,
    posts: POSTS,
    parseSeconds: +parseSeconds.toFixed(2),
    firstImport: first,
    rerun,
  };
  const out = path.join(repoRoot, 'bench', 'results', 'import-wordpress.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`bench: wrote ${path.relative(repoRoot, out)}`);
} finally {
  await strapi.stop();
  rmSync(workDir, { recursive: true, force: true });
}
