/** What the importer prints: a one-line progress and the final report. Pure string building. */
import type { ImportProgress, ImportReport } from './import.ts';

const rate = (count: number, ms: number) => (ms > 0 ? (count / (ms / 1000)).toFixed(1) : '–');

export function formatProgress({ done, total, counts, elapsedMs }: ImportProgress): string {
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  return (
    `importing ${String(done).padStart(String(total).length)}/${total} (${percent}%) · ${rate(done, elapsedMs)} posts/s · ` +
    `created ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}, failed ${counts.failed}`
  );
}

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : ['', `${title}:`, ...lines.map((line) => `  - ${line}`)];
}

const postLabel = (id: number, title: string) => `#${id} ${title ? `"${title}"` : '(no title)'}`;

export function formatReport(report: ImportReport): string {
  const { counts, media } = report;
  const total = counts.created + counts.updated + counts.unchanged;
  const ignored = Object.entries(report.ignored)
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
  const lines = [
    `WordPress import ${report.dryRun ? 'DRY RUN (nothing was written) ' : ''}of ${report.file}`,
    `  articles: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.failed} failed, ${counts.skipped} skipped`,
    `  media: ${media.uploaded} uploaded, ${media.reused} already in the library${report.dryRun ? `, ${media.wouldUpload} would be uploaded` : ''}, ${media.missing.length} missing`,
    `  redirects: ${report.redirects.count}${report.redirects.file ? ` written to ${report.redirects.file}` : ' (not written)'}`,
    `  time: ${(report.durationMs / 1000).toFixed(1)} s, ${rate(total, report.durationMs)} posts/s${ignored ? `; ignored WordPress items: ${ignored}` : ''}`,
    ...section(
      'Skipped',
      report.skipped.map((s) => `${postLabel(s.wordpressId, s.title)}: ${s.reason}`),
    ),
    ...section(
      'Failed',
      report.articles
        .filter((a) => a.status === 'failed')
        .map((a) => `${postLabel(a.wordpressId, a.title)}: ${a.reason}`),
    ),
    ...section(
      'Missing media (the articles were imported without these files)',
      media.missing.map((m) => `${postLabel(m.wordpressId, m.title)}: ${m.url} (${m.reason})`),
    ),
    ...section(
      'Warnings',
      report.warnings.map((w) => `${postLabel(w.wordpressId, w.title)}: ${w.message}`),
    ),
    ...section(
      'Categories and tags that match no region',
      report.unmatchedTerms.map(([name, n]) => `${name} (${n} ${n === 1 ? 'post' : 'posts'})`),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
