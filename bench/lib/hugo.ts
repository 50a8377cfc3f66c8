/**
 * The speed-of-light reference: Hugo (Debian package `hugo`) building the same content as
 * plain markdown pages with a minimal template equivalent to the site's: the same page set
 * (home, paged news lists of 10, article, workshop, region and partner pages and their lists,
 * in sl at the root and en under /en/), the same relations in both directions (taxonomies),
 * hreflang alternates, previous/next links and a per-language sitemap. The content comes from
 * the JSON snapshot the real build fetched, so both builds render exactly the same records.
 * Left out, as Hugo has no equivalent without plugins: the image pipeline (covers are plain
 * <img>), JSON-LD, calendars and the search index (Pagefind is timed separately anyway).
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { siteDir } from '../../scripts/lib/paths.ts';
import { countPages } from '../../scripts/lib/site-build.ts';
import { runMeasured, type Cost } from './measure.ts';
import { directoryBytes } from './site-build-run.ts';

type Lang = 'sl' | 'en';
type Ref = { documentId: string };
type Media = { url: string; alternativeText: string | null; width: number | null; height: number | null } | null;
interface Snapshot {
  [locale: string]: {
    articles: {
      documentId: string;
      slug: string;
      title: string;
      excerpt: string;
      body: string | null;
      publishedDate: string;
      cover: Media;
      regions: Ref[];
      partners: Ref[];
      workshops: Ref[];
    }[];
    workshops: {
      documentId: string;
      slug: string;
      title: string;
      description: string | null;
      startsAt: string | null;
      endsAt: string | null;
      venueName: string | null;
      venueAddress: string | null;
      city: string | null;
      capacity: number | null;
      eventStatus: string;
      registrationUrl: string | null;
      region: Ref | null;
      partners: Ref[];
    }[];
    regions: { documentId: string; slug: string; name: string; code: string; description: string | null }[];
    partners: {
      documentId: string;
      slug: string;
      name: string;
      shortName: string | null;
      kind: string;
      website: string | null;
      description: string | null;
      logo: Media;
      regions: Ref[];
    }[];
  };
}

export interface HugoRun extends Cost {
  pages: number;
  outputBytes: number;
}

const SECTIONS: Record<Lang, Record<'article' | 'workshop' | 'region' | 'partner', string>> = {
  sl: { article: 'novice', workshop: 'delavnice', region: 'regije', partner: 'partnerji' },
  en: { article: 'news', workshop: 'workshops', region: 'regions', partner: 'partners' },
};
const LABELS: Record<Lang, Record<string, string>> = {
  sl: {
    article: 'Novice',
    workshop: 'Delavnice',
    region: 'Regije',
    partner: 'Partnerji',
    upcoming: 'Prihajajoče delavnice',
    past: 'Pretekle delavnice',
    undated: 'Delavnice brez določenega termina',
    older: 'Starejše novice',
    newer: 'Novejše novice',
    latest: 'Zadnje novice',
  },
  en: {
    article: 'News',
    workshop: 'Workshops',
    region: 'Regions',
    partner: 'Partners',
    upcoming: 'Upcoming workshops',
    past: 'Past workshops',
    undated: 'Workshops without a date',
    older: 'Older news',
    newer: 'Newer news',
    latest: 'Latest news',
  },
};

export function hugoVersion(): string | null {
  try {
    return execFileSync('hugo', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function config(siteUrl: string): string {
  const language = (lang: Lang, weight: number) => `
[languages.${lang}]
  languageCode = "${lang === 'sl' ? 'sl-SI' : 'en-GB'}"
  languageName = "${lang}"
  contentDir = "content/${lang}"
  weight = ${weight}
  paginatePath = "${lang === 'sl' ? 'stran' : 'page'}"
  [languages.${lang}.params]
${Object.entries(LABELS[lang])
  .map(([key, value]) => `    label_${key} = "${value}"`)
  .join('\n')}
${Object.entries(SECTIONS[lang])
  .map(([key, value]) => `    section_${key} = "${value}"`)
  .join('\n')}
${Object.keys(SECTIONS[lang])
  .map(
    (key, i) =>
      `  [[languages.${lang}.menus.main]]\n    name = "${LABELS[lang][key]}"\n    url = "${lang === 'sl' ? '' : '/en'}/${SECTIONS[lang][key as 'article']}/"\n    weight = ${i + 1}`,
  )
  .join('\n')}
`;
  return `baseURL = "${siteUrl.replace(/\/?$/, '/')}"
title = "Zavod Koper Otok"
defaultContentLanguage = "sl"
defaultContentLanguageInSubdir = false
paginate = 10
disableKinds = ["taxonomy", "term"]
enableRobotsTXT = false
[taxonomies]
  region = "regions"
  partner = "partners"
  workshop = "workshops"
[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  page = ["HTML"]
[services.rss]
  limit = 50
${language('sl', 1)}${language('en', 2)}`;
}

const LAYOUTS: Record<string, string> = {
  '_default/baseof.html': `<!doctype html>
<html lang="{{ site.Language.Lang }}">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.excerpt }}{{ . }}{{ else }}{{ .Summary | plainify | truncate 160 }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<meta property="og:title" content="{{ .Title }}"><meta property="og:url" content="{{ .Permalink }}">
<link rel="stylesheet" href="/style.css">
</head>
<body>
<a class="skip-link" href="#main">Skip</a>
<header class="site-header"><a class="brand" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav><ul class="nav-list">{{ range site.Menus.main }}<li><a href="{{ .URL }}">{{ .Name }}</a></li>{{ end }}</ul></nav>
<nav><ul class="nav-list">{{ range .Translations }}<li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav>
</header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><p><strong>{{ site.Title }}</strong> · Koper</p></footer>
</body>
</html>
`,
  'partials/card.html': `<article class="card"><h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p class="meta">{{ time.Format ":date_long" .Date }}</p><p>{{ .Params.excerpt }}</p></article>`,
  'partials/workshop-card.html': `<article class="card"><h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3><p class="meta">{{ with .Params.startsAt }}{{ time.Format ":date_full" . }}{{ end }} {{ .Params.city }}</p></article>`,
  'partials/links.html': `{{ $section := .section }}{{ with .slugs }}<section class="related"><h2>{{ $.heading }}</h2><ul>{{ range . }}{{ with site.GetPage (printf "/%s/%s" $section .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul></section>{{ end }}`,
  'partials/pages.html': `{{ with .pages }}<section class="related"><h2>{{ $.heading }}</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>{{ end }}`,
  'index.html': `{{ define "main" }}<div class="container"><h1>{{ site.Title }}</h1>
{{ range first 1 (where (where site.RegularPages "Type" "partner") "Params.kind" "association") }}<section class="intro"><h2>{{ .Title }}</h2>{{ .Content }}</section>{{ end }}
<section><h2>{{ site.Params.label_latest }}</h2><div class="card-list">{{ range first 5 (where site.RegularPages "Type" "article").ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}</div></section>
{{ $now := now.UTC.Format "2006-01-02T15:04:05Z" }}
<section><h2>{{ site.Params.label_upcoming }}</h2><div class="card-list">{{ range first 3 (sort (where (where site.RegularPages "Type" "workshop") "Params.startsAt" ">=" $now) "Params.startsAt") }}{{ partial "workshop-card.html" . }}{{ end }}</div></section>
<section><h2>{{ site.Params.label_partner }}</h2><ul>{{ range where site.RegularPages "Type" "partner" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>
</div>{{ end }}`,
  'article/list.html': `{{ define "main" }}<div class="container"><h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages.ByDate.Reverse }}<div class="card-list">{{ range $pager.Pages }}{{ partial "card.html" . }}{{ end }}</div>
<nav class="pager">{{ with $pager.Prev }}<a href="{{ .URL }}" rel="prev">{{ site.Params.label_newer }}</a>{{ end }} <span>{{ $pager.PageNumber }} / {{ $pager.TotalPages }}</span> {{ with $pager.Next }}<a href="{{ .URL }}" rel="next">{{ site.Params.label_older }}</a>{{ end }}</nav>
</div>{{ end }}`,
  'article/single.html': `{{ define "main" }}<article class="container narrow"><header class="entry-header"><h1>{{ .Title }}</h1>
<p class="meta">{{ time.Format ":date_long" .Date }}</p><p class="lead">{{ .Params.excerpt }}</p></header>
{{ with .Params.cover }}<img class="cover" src="{{ .url }}" alt="{{ .alt }}" width="{{ .width }}" height="{{ .height }}" loading="eager">{{ end }}
<div class="prose">{{ .Content }}</div>
{{ partial "links.html" (dict "heading" site.Params.label_workshop "section" site.Params.section_workshop "slugs" .Params.workshops) }}
{{ partial "links.html" (dict "heading" site.Params.label_region "section" site.Params.section_region "slugs" .Params.regions) }}
{{ partial "links.html" (dict "heading" site.Params.label_partner "section" site.Params.section_partner "slugs" .Params.partners) }}
<nav class="pager">{{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="prev">← {{ .Title }}</a>{{ end }}{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="next">{{ .Title }} →</a>{{ end }}</nav>
</article>{{ end }}`,
  'workshop/list.html': `{{ define "main" }}<div class="container"><h1>{{ .Title }}</h1>{{ $now := now.UTC.Format "2006-01-02T15:04:05Z" }}
{{ $dated := where .Pages "Params.startsAt" "!=" nil }}
<section><h2>{{ site.Params.label_upcoming }}</h2><div class="card-list">{{ range sort (where $dated "Params.startsAt" ">=" $now) "Params.startsAt" }}{{ partial "workshop-card.html" . }}{{ end }}</div></section>
<section><h2>{{ site.Params.label_undated }}</h2><div class="card-list">{{ range where .Pages "Params.startsAt" nil }}{{ partial "workshop-card.html" . }}{{ end }}</div></section>
<section><h2>{{ site.Params.label_past }}</h2><div class="card-list">{{ range sort (where $dated "Params.startsAt" "<" $now) "Params.startsAt" "desc" }}{{ partial "workshop-card.html" . }}{{ end }}</div></section>
</div>{{ end }}`,
  'workshop/single.html': `{{ define "main" }}<article class="container narrow"><header class="entry-header"><h1>{{ .Title }}</h1><span class="badge">{{ .Params.eventStatus }}</span></header>
<dl class="facts"><dt>When</dt><dd>{{ with .Params.startsAt }}{{ time.Format ":date_full" . }} {{ time.Format ":time_short" . }}{{ end }}</dd>
<dt>Where</dt><dd>{{ delimit (slice .Params.venueName .Params.venueAddress .Params.city) ", " }}</dd>
{{ with .Params.regions }}{{ with site.GetPage (printf "/%s/%s" site.Params.section_region (index . 0)) }}<dt>Region</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ with .Params.capacity }}<dt>Capacity</dt><dd>{{ . }}</dd>{{ end }}</dl>
<div class="prose">{{ .Content }}</div>
{{ with .Params.registrationUrl }}<p><a class="button" href="{{ . }}">Register</a></p>{{ end }}
{{ partial "links.html" (dict "heading" site.Params.label_partner "section" site.Params.section_partner "slugs" .Params.partners) }}
{{ with index site.Taxonomies.workshops .Params.term }}{{ partial "pages.html" (dict "heading" site.Params.label_article "pages" .Pages.ByDate.Reverse) }}{{ end }}
</article>{{ end }}`,
  'region/list.html': `{{ define "main" }}<div class="container"><h1>{{ .Title }}</h1><ul class="tile-list">{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></div>{{ end }}`,
  'region/single.html': `{{ define "main" }}<article class="container narrow"><h1>{{ .Title }}</h1><div class="prose">{{ .Content }}</div>
{{ with index site.Taxonomies.regions .Params.term }}{{ $pages := .Pages }}
{{ partial "pages.html" (dict "heading" site.Params.label_workshop "pages" (sort (where $pages "Type" "workshop") "Params.startsAt")) }}
{{ partial "pages.html" (dict "heading" site.Params.label_partner "pages" (where $pages "Type" "partner").ByTitle) }}
{{ partial "pages.html" (dict "heading" site.Params.label_article "pages" (where $pages "Type" "article").ByDate.Reverse) }}{{ end }}
</article>{{ end }}`,
  'partner/list.html': `{{ define "main" }}<div class="container"><h1>{{ .Title }}</h1>{{ range (.Pages.GroupByParam "kind") }}<section><h2>{{ .Key }}</h2><ul class="tile-list">{{ range .Pages.ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></section>{{ end }}</div>{{ end }}`,
  'partner/single.html': `{{ define "main" }}<article class="container narrow"><h1>{{ .Title }}</h1>{{ with .Params.logo }}<img src="{{ .url }}" alt="{{ .alt }}" width="{{ .width }}" height="{{ .height }}">{{ end }}
<div class="prose">{{ .Content }}</div>{{ with .Params.website }}<p><a href="{{ . }}">{{ . }}</a></p>{{ end }}
{{ partial "links.html" (dict "heading" site.Params.label_region "section" site.Params.section_region "slugs" .Params.regions) }}
{{ with index site.Taxonomies.partners .Params.term }}{{ $pages := .Pages }}
{{ partial "pages.html" (dict "heading" site.Params.label_workshop "pages" (sort (where $pages "Type" "workshop") "Params.startsAt")) }}
{{ partial "pages.html" (dict "heading" site.Params.label_article "pages" (where $pages "Type" "article").ByDate.Reverse) }}{{ end }}
</article>{{ end }}`,
};

/** A content file: JSON front matter (Hugo reads it natively, no escaping rules to get wrong), then markdown. */
const page = (frontMatter: Record<string, unknown>, body: string | null) =>
  `${JSON.stringify(frontMatter, null, 1)}\n\n${body ?? ''}\n`;

function slugIndex(snapshot: Snapshot, lang: Lang) {
  const bySection = (items: { documentId: string; slug: string }[]) =>
    new Map(items.map((item) => [item.documentId, item.slug]));
  const records = snapshot[lang];
  const index = {
    region: bySection(records.regions),
    partner: bySection(records.partners),
    workshop: bySection(records.workshops),
  };
  const slugs = (refs: Ref[], map: Map<string, string>) =>
    refs.map((ref) => map.get(ref.documentId)).filter((slug): slug is string => !!slug);
  return { index, slugs };
}

function writeContent(dir: string, snapshot: Snapshot, lang: Lang): void {
  const root = path.join(dir, 'content', lang);
  const { index, slugs } = slugIndex(snapshot, lang);
  const records = snapshot[lang];
  const write = (type: keyof (typeof SECTIONS)['sl'], slug: string, text: string) =>
    writeFileSync(path.join(root, SECTIONS[lang][type], `${slug}.md`), text);
  for (const type of ['article', 'workshop', 'region', 'partner'] as const) {
    mkdirSync(path.join(root, SECTIONS[lang][type]), { recursive: true });
    writeFileSync(path.join(root, SECTIONS[lang][type], '_index.md'), page({ title: LABELS[lang][type], type }, null));
  }
  writeFileSync(path.join(root, '_index.md'), page({ title: 'Zavod Koper Otok' }, null));
  const media = (m: Media) =>
    m ? { url: m.url, alt: m.alternativeText ?? '', width: m.width, height: m.height } : null;
  for (const a of records.articles) {
    write(
      'article',
      a.slug,
      page(
        {
          title: a.title,
          date: a.publishedDate,
          type: 'article',
          translationKey: a.documentId,
          excerpt: a.excerpt,
          cover: media(a.cover),
          regions: slugs(a.regions, index.region),
          partners: slugs(a.partners, index.partner),
          workshops: slugs(a.workshops, index.workshop),
        },
        a.body,
      ),
    );
  }
  for (const w of records.workshops) {
    write(
      'workshop',
      w.slug,
      page(
        {
          title: w.title,
          type: 'workshop',
          translationKey: w.documentId,
          term: w.slug,
          startsAt: w.startsAt,
          endsAt: w.endsAt,
          venueName: w.venueName ?? '',
          venueAddress: w.venueAddress ?? '',
          city: w.city ?? '',
          capacity: w.capacity,
          eventStatus: w.eventStatus,
          registrationUrl: w.eventStatus === 'planned' ? w.registrationUrl : null,
          regions: w.region ? slugs([w.region], index.region) : [],
          partners: slugs(w.partners, index.partner),
        },
        w.description,
      ),
    );
  }
  for (const r of records.regions)
    write(
      'region',
      r.slug,
      page({ title: r.name, type: 'region', translationKey: r.documentId, term: r.slug, code: r.code }, r.description),
    );
  for (const p of records.partners) {
    write(
      'partner',
      p.slug,
      page(
        {
          title: p.name,
          type: 'partner',
          translationKey: p.documentId,
          term: p.slug,
          kind: p.kind,
          website: p.website,
          logo: media(p.logo),
          regions: slugs(p.regions, index.region),
        },
        p.description,
      ),
    );
  }
}

/** Writes a complete Hugo project for the snapshot's content into `dir` (emptied first). */
export function writeHugoSite(dir: string, snapshotFile: string, siteUrl: string): void {
  const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'static'), { recursive: true });
  writeFileSync(path.join(dir, 'hugo.toml'), config(siteUrl));
  for (const [file, text] of Object.entries(LAYOUTS)) {
    mkdirSync(path.dirname(path.join(dir, 'layouts', file)), { recursive: true });
    writeFileSync(path.join(dir, 'layouts', file), text);
  }
  cpSync(path.join(siteDir, 'src', 'styles', 'global.css'), path.join(dir, 'static', 'style.css'));
  for (const lang of ['sl', 'en'] as const) writeContent(dir, snapshot, lang);
}

export async function runHugo(dir: string, outDir: string): Promise<HugoRun> {
  const { wallMs, peakRssBytes, cpuMs } = await runMeasured(
    'hugo',
    ['--source', dir, '--destination', outDir, '--quiet'],
    { cwd: dir, label: false },
  );
  return { wallMs, peakRssBytes, cpuMs, pages: countPages(outDir), outputBytes: directoryBytes(outDir) };
}
