/**
 * The Markdown summary of a performance results file (bench/performance.ts): the tables for
 * bench/README.md, the performance targets with what was measured, and, given an earlier
 * results file, a before/after table.
 */
// A results file as written by bench/performance.ts, read back from JSON: its shape is that module's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const s = (ms: number | null | undefined) => (ms == null ? '–' : `${(ms / 1000).toFixed(1)} s`);
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pct = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;
const x = (ratio: number | null) => (ratio == null ? '–' : `${ratio.toFixed(2)}×`);
const n = (value: number) => value.toLocaleString('en-GB');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: string[], rows: (string | number)[][]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

function buildTable(result: Json): string {
  return table(
    [
      'articles × 2 locales',
      'pages',
      'cold build',
      'GraphQL build',
      'JSON build',
      'fetch overhead',
      'Hugo',
      'ours / Hugo',
      'Pagefind',
      'pages/s',
      'peak RSS (build)',
      'peak RSS (Strapi)',
      'cores used',
      'output',
      'GraphQL requests',
      'bytes fetched',
    ],
    result.sizes.map((size: Json) => {
      const g = size.median.graphql;
      return [
        n(size.articles),
        n(g.pages),
        s(size.coldBuild?.wallMs),
        s(g.wallMs),
        s(size.median.json.wallMs),
        pct(size.fetchOverhead),
        s(size.median.hugo?.wallMs),
        x(size.hugoRatio),
        s(g.pagefindMs),
        Math.round(g.pages / (g.wallMs / 1000)),
        mib(g.peakRssBytes),
        mib(size.median.strapiPeakRssBytes),
        (g.cpuMs / g.wallMs).toFixed(2),
        mib(g.outputBytes),
        n(size.graphqlTraffic.graphqlRequests),
        mib(size.graphqlTraffic.graphqlResponseBytes),
      ];
    }),
  );
}

function loadTable(result: Json): string {
  return table(
    [
      'articles',
      'entries written (sl + en, published)',
      'load time',
      'articles/s',
      'Strapi boot + demo seed',
      'measured',
    ],
    result.sizes.map((size: Json) => [
      n(size.load.articles),
      `${n(size.load.articles)} articles, ${n(size.load.workshops)} workshops, ${size.load.partners} partners`,
      s(size.load.loadMs),
      size.load.articlesPerSecond,
      s(size.load.bootMs),
      size.load.cached ? `earlier run, ${size.load.loadedAt.slice(0, 10)}` : 'this run',
    ]),
  );
}

function apiTable(api: Json, database: string): string {
  if (!api) return `_API load on ${database} not measured in this run._`;
  const loaded = api.load
    ? ` Loaded for this run through the Document Service in ${s(api.load.loadMs)} (${api.load.articlesPerSecond} articles/s; a throw-away cluster without fsync).`
    : '';
  return `${database}, ${n(api.articles)} articles, ${api.durationSPerStep} s per step, autocannon on the same machine.${loaded}\n\n${table(
    ['query', 'connections', 'requests/s', 'p50', 'p95', 'p99', 'errors + non-2xx'],
    api.results.map((r: Json) => [
      r.scenario,
      r.connections,
      r.requestsPerSecond,
      `${r.latencyMs.p50} ms`,
      `${r.latencyMs.p95} ms`,
      `${r.latencyMs.p99} ms`,
      r.errors + r.non2xx,
    ]),
  )}`;
}

/** The API target's row: article by slug, 10 connections, p95 under 50 ms. */
function slugTargetRow(label: string, api: Json): (string | number)[] {
  const slug = api?.results.find((r: Json) => r.scenario === 'article by slug' && r.connections === 10);
  return [
    label,
    '< 50 ms',
    slug ? `${slug.latencyMs.p95} ms` : '–',
    slug ? (slug.latencyMs.p95 < 50 ? 'yes' : 'no') : '–',
  ];
}

function weightTable(result: Json): string {
  if (!result.pageWeight) return '_Page weight not measured in this run._';
  return `Built site with ${n(result.pageWeight.articles)} articles; the article and workshop with the longest text.\n\n${table(
    ['page', 'path', 'HTML + CSS + JS + fonts (gzip)', 'client JS', 'images (not gzipped)'],
    Object.entries(result.pageWeight.pages).map(([name, p]: [string, Json]) => [
      name,
      `\`${p.path}\``,
      kib(p.htmlCssJsFonts),
      `${p.weight.js} B`,
      kib(p.weight.byType.image ?? 0),
    ]),
  )}`;
}

function targetsTable(result: Json): string {
  const size = result.sizes.at(-1);
  const g = size.median.graphql;
  const article = result.pageWeight?.pages.article;
  const lists = Object.values(size.content).reduce(
    (sum: number, sections: Json) => sum + Object.keys(sections).length,
    0,
  ) as number;
  const requestBound = Math.ceil(size.graphqlTraffic.items / 100) + lists;
  const rows: (string | number)[][] = [
    ['full build (GraphQL, with search)', '< 5 min', s(g.wallMs), g.wallMs < 300_000 ? 'yes' : 'no'],
    ['peak memory of the build', '< 4 GiB', mib(g.peakRssBytes), g.peakRssBytes < 4 * 2 ** 30 ? 'yes' : 'no'],
    [
      'GraphQL requests',
      `≤ items/100 + one per list = ${n(requestBound)}`,
      n(size.graphqlTraffic.graphqlRequests),
      size.graphqlTraffic.graphqlRequests <= requestBound ? 'yes' : 'no',
    ],
    ['fetch overhead', '≤ 10 %', pct(size.fetchOverhead), size.fetchOverhead <= 0.1 ? 'yes' : 'no'],
    [
      'ours / Hugo (fetch + render + sitemap)',
      '≤ 2×',
      x(size.hugoRatio),
      size.hugoRatio == null ? '–' : size.hugoRatio <= 2 ? 'yes' : 'no',
    ],
    slugTargetRow('API article by slug, 10 connections, p95 (SQLite)', result.api),
    slugTargetRow('the same on PostgreSQL (for comparison)', result.apiPostgres),
    [
      'article page, HTML+CSS+JS+fonts',
      '≤ 50 KB, 0 KB JS',
      article ? `${kib(article.htmlCssJsFonts)}, ${article.weight.js} B JS` : '–',
      article ? (article.htmlCssJsFonts <= 50 * 1024 && article.weight.js === 0 ? 'yes' : 'no') : '–',
    ],
  ];
  return `At ${n(size.articles)} articles × 2 locales:\n\n${table(['target', 'goal', 'measured', 'met'], rows)}`;
}

function comparisonTable(result: Json, baseline: { file: string; result: Json }): string {
  const rows: (string | number)[][] = [];
  for (const size of result.sizes) {
    const before = baseline.result.sizes.find((b: Json) => b.articles === size.articles);
    if (!before) continue;
    const metric = (name: string, get: (r: Json) => number | null, format: (v: number) => string) => {
      const [a, b] = [get(before), get(size)];
      if (a == null || b == null) return;
      rows.push([
        n(size.articles),
        name,
        format(a),
        format(b),
        `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)} %`,
      ]);
    };
    metric('GraphQL build', (r) => r.median.graphql.wallMs, s);
    metric('JSON build', (r) => r.median.json.wallMs, s);
    metric('fetch (from the build log)', (r) => r.median.graphql.fetchMs, s);
    metric('Pagefind', (r) => r.median.graphql.pagefindMs, s);
    metric('ours / Hugo', (r) => r.hugoRatio, x);
    metric('fetch overhead', (r) => r.fetchOverhead, pct);
    metric('GraphQL requests', (r) => r.graphqlTraffic.graphqlRequests, n);
    metric('peak RSS (build)', (r) => r.median.graphql.peakRssBytes, mib);
  }
  return `Before: \`${baseline.file}\` (${baseline.result.label ?? 'baseline'}, ${baseline.result.date.slice(0, 16)}); after: this run. Each run compares against its own Hugo, so the ratios are the fair comparison.\n\n${table(['articles', 'metric', 'before', 'after', 'change'], rows)}`;
}

const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];

/** CPU time of the build's process tree, before -> after (median of the rounds): steadier than wall time when other work shares the machine. */
function cpuChange(size: Json, source: 'graphql' | 'json'): string {
  const rounds = size.rounds.filter((r: Json) => r.before);
  const before = medianOf(rounds.map((r: Json) => r.before[source].cpuMs));
  const after = medianOf(rounds.map((r: Json) => r[source].cpuMs));
  return `${s(before)} → ${s(after)}`;
}

function pairedTable(result: Json): string {
  const rows = result.sizes
    .filter((size: Json) => size.beforeAfter)
    .map((size: Json) => {
      const b = size.beforeAfter;
      return [
        n(size.articles),
        `${s(b.graphqlWallMs.before)} → ${s(b.graphqlWallMs.after)}`,
        `${b.graphqlSpeedup.toFixed(2)}×`,
        cpuChange(size, 'graphql'),
        `${s(b.jsonWallMs.before)} → ${s(b.jsonWallMs.after)}`,
        `${b.jsonSpeedup.toFixed(2)}×`,
        cpuChange(size, 'json'),
        `${pct(b.fetchOverhead.before)} → ${pct(b.fetchOverhead.after)}`,
        b.hugoRatio ? `${x(b.hugoRatio.before)} → ${x(b.hugoRatio.after)}` : '–',
      ];
    });
  return `Both versions built in every round, one after the other, from the same Strapi and snapshot. Speed-up is before / after wall time (median of the per-round ratios); CPU is the build's process tree (Strapi's share of a GraphQL build not included).\n\n${table(
    [
      'articles × 2 locales',
      'GraphQL build (wall)',
      'speed-up',
      'GraphQL build (CPU)',
      'JSON build (wall)',
      'speed-up',
      'JSON build (CPU)',
      'fetch overhead',
      'ours / Hugo',
    ],
    rows,
  )}`;
}

export function renderSummary(result: Json, baseline?: { file: string; result: Json }): string {
  const m = result.machine;
  return [
    `### Performance, ${result.date.slice(0, 10)}, ${m.name} (${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}${m.hugo ? `, ${m.hugo.split(' ').slice(0, 2).join(' ')}` : ''})`,
    '',
    `\`${result.command}\`: median of ${result.rounds} paired round(s) (GraphQL build, JSON build, Hugo, one after the other). ` +
      `Load average at start ${result.conditions.loadAverageAtStart.join(' / ')}: ${result.conditions.note}. ` +
      '"ours / Hugo" compares fetch + render + sitemap (our build minus Pagefind, which Hugo does not do) with Hugo\'s whole build. ' +
      "The rounds reuse what earlier builds cached (images, rendered markdown), as the rebuild service's builds do; " +
      '"cold build" is the first GraphQL build, without rendered markdown from earlier builds.',
    '',
    '#### Build scaling',
    '',
    buildTable(result),
    '',
    '#### Loading the generated content (Document Service, in-process)',
    '',
    loadTable(result),
    '',
    '#### GraphQL API under load',
    '',
    apiTable(result.api, 'SQLite'),
    '',
    apiTable(result.apiPostgres, 'PostgreSQL'),
    '',
    '#### Page weight',
    '',
    weightTable(result),
    '',
    '#### Targets',
    '',
    targetsTable(result),
    ...(result.sizes.some((size: Json) => size.beforeAfter)
      ? ['', '#### Before and after the optimisations (paired, same run)', '', pairedTable(result)]
      : []),
    ...(baseline ? ['', '#### Compared with an earlier run', '', comparisonTable(result, baseline)] : []),
    '',
  ].join('\n');
}
