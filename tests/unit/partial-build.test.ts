/**
 * The rules a partial rebuild rests on: which pages a change touches (page fingerprints), how
 * re-read entries go into the records, and what the webhooks of one cycle add up to.
 */
import { describe, expect, it } from 'vitest';
import { createPendingChanges } from '../../scripts/rebuild/changes.ts';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImageLinks } from '../../site/partial-build/image-links.ts';
import { INVERSE_RELATIONS, ownersToReread, patchRecords } from '../../site/src/lib/cms/patch-records.ts';
import type { CmsRecords } from '../../site/src/lib/cms/records.ts';
import { pageChanges, pageFingerprints } from '../../site/src/lib/content/page-fingerprint.ts';
import { buildSiteModel } from '../../site/src/lib/content/pages.ts';
import { generateContent, randomSource } from '../helpers/generated-records.ts';

const NOW = new Date('2026-06-15T10:00:00.000Z');
const OPTIONS = { now: NOW, newsPageSize: 10, pastWorkshopsPageSize: 5 };

function content() {
  const generated = generateContent(randomSource(11), 'http://127.0.0.1:9', NOW, 40);
  return generated;
}

const modelOf = (records: CmsRecords) => buildSiteModel(structuredClone(records), OPTIONS);
const changedPages = (before: CmsRecords, after: CmsRecords) =>
  pageChanges(pageFingerprints(modelOf(before).pages), pageFingerprints(modelOf(after).pages));

describe('page fingerprints', () => {
  it('change for no page when nothing changed', () => {
    const { records } = content();
    expect(changedPages(records, structuredClone(records))).toEqual({ render: [], remove: [] });
  });

  it("mark an article's own pages, its lists and its neighbours when its title changes, and no unrelated article", () => {
    const { records } = content();
    const after = structuredClone(records);
    const article = after.sl.articles[7];
    article.title = 'Nov naslov';
    const { render, remove } = changedPages(records, after);
    const model = modelOf(after);
    const own = model.pages.find((page) => page.kind === 'article' && page.article.documentId === article.documentId)!;
    expect(render).toContain(own.path);
    const listing = model.pages.find(
      (page) => page.kind === 'news' && page.articles.some((a) => a.documentId === article.documentId),
    )!;
    expect(render).toContain(listing.path);
    expect(remove).toEqual([]);
    const unrelated = model.pages.filter(
      (page) =>
        page.kind === 'article' &&
        page.locale === 'sl' &&
        page.article.documentId !== article.documentId &&
        page.previous?.documentId !== article.documentId &&
        page.next?.documentId !== article.documentId &&
        !page.article.workshops.some((w) => w.articles.some((a) => a.documentId === article.documentId)),
    );
    expect(unrelated.length).toBeGreaterThan(10);
    expect(render.filter((path) => unrelated.some((page) => page.path === path))).toEqual([]);
  });

  it("mark a workshop's page when a registration is confirmed or registration opens, through re-read records", () => {
    const { records } = content();
    const reread = structuredClone(records.sl.workshops[3]);
    reread.confirmedRegistrations += 1;
    reread.registrationOpen = true;
    const after = patchRecords(records, [
      {
        type: 'workshop',
        documentIds: [reread.documentId],
        found: { sl: [reread], en: records.en.workshops.filter((w) => w.documentId === reread.documentId) },
      },
    ]);
    const own = modelOf(after).pages.find(
      (page) => page.kind === 'workshop' && page.locale === 'sl' && page.workshop.documentId === reread.documentId,
    )!;
    expect(changedPages(records, after).render).toContain(own.path);
  });

  it("mark every article that shows a partner when the partner's name changes", () => {
    const generated = content();
    const after = structuredClone(generated.records);
    after.sl.partners.find((p) => p.documentId === generated.busyPartner)!.name = 'Preimenovan';
    const { render } = changedPages(generated.records, after);
    const showing = modelOf(after).pages.filter(
      (page) => page.kind === 'article' && page.article.partners.some((p) => p.documentId === generated.busyPartner),
    );
    expect(showing.length).toBeGreaterThan(5);
    for (const page of showing) expect(render).toContain(page.path);
  });

  it('remove the pages of an unpublished entry', () => {
    const { records } = content();
    const after = structuredClone(records);
    const [gone] = after.sl.articles.splice(3, 1);
    const { remove } = changedPages(records, after);
    expect(remove).toContain(`/novice/${gone.slug}/`);
  });
});

describe('patchRecords', () => {
  it('puts re-read entries in documentId order, drops the ones Strapi no longer returns, and leaves the input alone', () => {
    const { records } = content();
    const before = structuredClone(records);
    const [first, second] = records.sl.articles;
    const changed = { ...second, title: 'Spremenjen' };
    const added = { ...first, documentId: 'zzzz-new', slug: 'nova' };
    const patched = patchRecords(records, [
      {
        type: 'article',
        documentIds: [first.documentId, second.documentId, 'zzzz-new'],
        found: { sl: [added, changed], en: [] },
      },
    ]);
    expect(records).toEqual(before);
    const ids = patched.sl.articles.map((a) => a.documentId);
    expect(ids).toEqual([...ids].sort());
    expect(ids).not.toContain(first.documentId);
    expect(patched.sl.articles.find((a) => a.documentId === second.documentId)?.title).toBe('Spremenjen');
    expect(ids.at(-1)).toBe('zzzz-new');
    expect(patched.en.articles.map((a) => a.documentId)).not.toContain(first.documentId);
    expect(patched.sl.partners).toBe(records.sl.partners);
  });
});

describe('pending changes of one cycle', () => {
  const entry = (model: string, documentId: string | null) => ({ event: 'entry.publish' as const, model, documentId });

  it('collect each document once per type', () => {
    const pending = createPendingChanges();
    pending.add(entry('article', 'a1'));
    pending.add(entry('article', 'a1'));
    pending.add(entry('partner', 'p1'));
    expect(pending.take()).toEqual({
      documents: [
        { type: 'article', documentIds: ['a1'] },
        { type: 'partner', documentIds: ['p1'] },
      ],
      fullReason: null,
    });
    expect(pending.take()).toEqual({ documents: [], fullReason: null });
  });

  it('ask for a full build for menus, redirects, media and payloads without a documentId', () => {
    for (const trigger of [
      entry('navigation', 'n1'),
      entry('redirect', 'r1'),
      { event: 'media.update' as const, model: null, documentId: null },
      entry('article', null),
    ]) {
      const pending = createPendingChanges();
      pending.add(entry('article', 'a1'));
      pending.add(trigger);
      expect(pending.take().fullReason).toMatch(/navigation|redirect|media|documentId/);
    }
  });
});

describe('relations edited from their inverse side', () => {
  it('are listed for every mappedBy relation of the content model, with the owner field it mirrors', () => {
    const dir = path.join(import.meta.dirname, '..', '..', 'content-types', 'schemas');
    const schemas = Object.fromEntries(
      readdirSync(dir)
        .filter((file) => file.endsWith('.json'))
        .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(dir, file), 'utf8'))]),
    ) as Record<string, { attributes: Record<string, { type: string; mappedBy?: string; target?: string }> }>;
    const fromSchemas = Object.entries(INVERSE_RELATIONS).map(([type]) =>
      Object.entries(schemas[type].attributes)
        .filter(([, attribute]) => attribute.type === 'relation' && attribute.mappedBy)
        .map(([field, attribute]) => ({
          field,
          owner: String(attribute.target).replace(/^api::(\w+)\.\w+$/, '$1'),
          ownerField: attribute.mappedBy,
        })),
    );
    expect(fromSchemas).toEqual(Object.values(INVERSE_RELATIONS));
  });

  it("name the owners whose link to a re-read entry was added or removed on the entry's side", () => {
    const { records } = content();
    const region = records.sl.regions[0];
    const linked = records.sl.articles.filter((a) => a.regions.some((r) => r.documentId === region.documentId));
    const unlinked = records.sl.articles.find((a) => !linked.includes(a))!;
    expect(linked.length).toBeGreaterThan(1);
    // Now: one article taken off the region, another put on it, from the region's side.
    const now = [...linked.slice(1), unlinked].map(({ documentId }) => ({ documentId }));
    const owners = ownersToReread(records, [
      {
        type: 'region',
        documentIds: [region.documentId],
        found: { sl: [Object.assign({ ...region }, { articles: now, workshops: [], partners: [] })], en: [] },
      },
    ]);
    expect(owners.get('article')).toEqual(new Set([linked[0].documentId, unlinked.documentId]));
    expect(owners.has('region')).toBe(false);
  });
});

describe('image links of a build', () => {
  const page = (...images: string[]) => `<html>${images.map((image) => `<img src="${image}">`).join('')}</html>`;

  it('names the images no file links any more once the last one linking them is re-rendered or removed', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'image-links-'));
    try {
      mkdirSync(path.join(outDir, 'a'));
      mkdirSync(path.join(outDir, 'pagefind'));
      writeFileSync(path.join(outDir, 'a', 'index.html'), page('/_astro/cover_1.webp', '/_astro/logo_2.png'));
      writeFileSync(path.join(outDir, 'index.html'), page('https://site.test/_astro/logo_2.png'));
      writeFileSync(path.join(outDir, 'pagefind', 'x.json'), '"/_astro/only-in-index_3.webp"');
      const links = await ImageLinks.scan(outDir);

      const retitled = links.plan(new Map([['a/index.html', page('/_astro/logo_2.png')]]), []);
      expect(retitled.unlinked).toEqual(['/_astro/cover_1.webp']);
      // Nothing applies until the build succeeded: the same plan again gives the same answer.
      expect(links.plan(new Map([['a/index.html', page()]]), []).unlinked).toEqual(['/_astro/cover_1.webp']);
      retitled.commit();

      expect(links.plan(new Map(), ['a/index.html']).unlinked).toEqual([]);
      expect(links.plan(new Map([['index.html', page()]]), ['a/index.html']).unlinked).toEqual(['/_astro/logo_2.png']);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
