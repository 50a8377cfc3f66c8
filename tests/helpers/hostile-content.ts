/**
 * Places the hostile payloads (tests/fixtures/hostile/payloads.ts) into every text field of
 * every content type, then seeds them into a real Strapi, published in both languages.
 *
 * Coverage (computed by planHostileContent and asserted by the test, not just promised here):
 *   - markdown fields (article and page body, workshop/region/partner description): EVERY payload,
 *     whole, in EVERY one of the five fields; each value also starts with benign formatting (heading,
 *     list, link, image, table, code) that must survive sanitising.
 *   - plain-text fields (titles, names, shortName, excerpts, venueName, venueAddress, city, image
 *     captions, SEO meta title and description) and
 *     media alternative text: every payload lands in at least one plain-text field and in at
 *     least one alternative text, whole, or cut at the field's maxLength when it is longer than
 *     any such field. Every one of these fields gets payloads.
 *   - URL fields (partner website, workshop registrationUrl): the CMS accepts only http(s) URLs
 *     there (cms/src/validation), so every payload is offered to both fields and must be either
 *     refused or be an http(s) URL; the accepted, hostile-looking URLs are seeded and rendered.
 * Values are packed: one field value holds as many payloads as fit its maxLength, so a
 * moderate number of entries (ENTRIES_PER_TYPE per type, x2 languages) carries the corpus.
 * Slugs stay valid (hostile-<type>-<n>): slug rules are the CMS's and the build's, tested elsewhere.
 */
import type { Payload } from '../fixtures/hostile/payloads';
import { solidPng, type CmsEditor, type Fields, type Plural } from './cms-editor';

export const ENTRIES_PER_TYPE = 15;
const LOCALES = ['sl', 'en'] as const;
type Locale = (typeof LOCALES)[number];
export type FieldKind = 'markdown' | 'plain' | 'url' | 'alt';

/** The text fields of the content model, with their Strapi maxLength and whether they are per locale. */
const FIELDS: {
  plural: Plural | 'media';
  field: string;
  kind: FieldKind;
  maxLength?: number;
  minLength?: number;
  localized: boolean;
}[] = [
  { plural: 'articles', field: 'title', kind: 'plain', maxLength: 200, localized: true },
  // The CMS's editorial rules: an excerpt has 50 to 160 characters (a meta description).
  { plural: 'articles', field: 'excerpt', kind: 'plain', maxLength: 160, minLength: 50, localized: true },
  { plural: 'articles', field: 'body', kind: 'markdown', localized: true },
  { plural: 'workshops', field: 'title', kind: 'plain', maxLength: 200, localized: true },
  { plural: 'workshops', field: 'venueName', kind: 'plain', maxLength: 200, localized: true },
  { plural: 'workshops', field: 'venueAddress', kind: 'plain', maxLength: 300, localized: false },
  { plural: 'workshops', field: 'city', kind: 'plain', maxLength: 100, localized: true },
  { plural: 'workshops', field: 'description', kind: 'markdown', localized: true },
  { plural: 'workshops', field: 'registrationUrl', kind: 'url', maxLength: 500, localized: false },
  { plural: 'regions', field: 'name', kind: 'plain', maxLength: 100, localized: true },
  { plural: 'regions', field: 'description', kind: 'markdown', localized: true },
  { plural: 'partners', field: 'name', kind: 'plain', maxLength: 200, localized: true },
  { plural: 'partners', field: 'shortName', kind: 'plain', maxLength: 40, localized: true },
  { plural: 'partners', field: 'description', kind: 'markdown', localized: true },
  { plural: 'partners', field: 'website', kind: 'url', maxLength: 500, localized: false },
  { plural: 'pages', field: 'title', kind: 'plain', maxLength: 200, localized: true },
  { plural: 'pages', field: 'excerpt', kind: 'plain', maxLength: 160, localized: true },
  { plural: 'pages', field: 'body', kind: 'markdown', localized: true },
  { plural: 'media', field: 'alternativeText', kind: 'alt', localized: false },
  // Per-language image captions and SEO fields (a component's field is written component.field).
  { plural: 'articles', field: 'coverCaption', kind: 'plain', maxLength: 300, localized: true },
  { plural: 'partners', field: 'logoCaption', kind: 'plain', maxLength: 300, localized: true },
  { plural: 'regions', field: 'seo.metaTitle', kind: 'plain', maxLength: 60, localized: true },
  { plural: 'workshops', field: 'seo.metaDescription', kind: 'plain', maxLength: 160, localized: true },
];

/** Fields named component.field (seo.metaTitle) written as the component object Strapi expects. */
function withComponents(fields: Fields): Fields {
  const written: Fields = {};
  for (const [name, value] of Object.entries(fields)) {
    const [component, field] = name.split('.');
    if (field === undefined) written[name] = value;
    else written[component] = { ...(written[component] as Fields | undefined), [field]: value };
  }
  return written;
}

/** Pads a value that the CMS wants longer (an excerpt) with harmless text after the payloads. */
const PADDING = ' · benign padding so the excerpt is long enough to publish';

export const BENIGN_MARKDOWN = [
  '## Benign heading',
  '',
  '- first item',
  '- second item with [a benign link](https://example.test/benign)',
  '',
  '![a benign image](https://example.test/benign.png)',
  '',
  '| column | value |',
  '|---|---|',
  '| cell | 42 |',
  '',
  '```js',
  'const benign = true;',
  '```',
  '',
].join('\n');

interface Slot {
  plural: Plural | 'media';
  field: string;
  kind: FieldKind;
  index: number;
  locale: Locale | null;
  maxLength: number;
  minLength: number;
  parts: string[];
}

export interface HostilePlan {
  /** values[plural][index][locale][field] */
  values: Record<Plural, Record<Locale, Fields>[]>;
  /** Alternative text of media file i (article i's cover and partner i's logo). */
  mediaAlts: string[];
  /** payload id -> field kinds it landed in (whole, or cut at a maxLength it exceeds). */
  coverage: Map<string, Set<FieldKind>>;
  /** "articles.title" -> number of payloads placed in that field. */
  perField: Map<string, number>;
}

/** Cuts at maxLength without splitting a surrogate pair. */
function cut(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const end = /[\uD800-\uDBFF]/.test(text[maxLength - 1]) ? maxLength - 1 : maxLength;
  return text.slice(0, end);
}

function slotsFor(kind: FieldKind): Slot[] {
  const slots: Slot[] = [];
  for (let index = 0; index < ENTRIES_PER_TYPE; index++) {
    for (const spec of FIELDS.filter((f) => f.kind === kind)) {
      for (const locale of spec.localized ? LOCALES : [null]) {
        // Room for the padding is kept, so a padded value still fits.
        const room = (spec.maxLength ?? Infinity) - (spec.minLength ? PADDING.length : 0);
        slots.push({
          plural: spec.plural,
          field: spec.field,
          kind,
          index,
          locale,
          maxLength: room,
          minLength: spec.minLength ?? 0,
          parts: [],
        });
      }
    }
  }
  return slots;
}

/**
 * Packs payloads into a kind's slots. Each payload goes whole into the first slot (round robin,
 * so every field gets some) with room left, or cut into an empty slot when it is longer than
 * the slot's maxLength. Slots still empty afterwards get payloads again, cycling.
 */
function pack(kind: FieldKind, payloads: Payload[], coverage: HostilePlan['coverage']): Slot[] {
  const slots = slotsFor(kind);
  const separator = kind === 'plain' ? ' ' : '\n\n';
  const used = (slot: Slot) => slot.parts.reduce((n, p) => n + p.length + separator.length, 0);
  let cursor = 0;
  const place = (payload: Payload, cycling: boolean): boolean => {
    for (let tries = 0; tries < slots.length; tries++) {
      const slot = slots[(cursor + tries) % slots.length];
      const fits = used(slot) + payload.text.length <= slot.maxLength;
      const tooLongForAny = payload.text.length > slot.maxLength && slot.parts.length === 0;
      if ((fits || tooLongForAny) && (!cycling || slot.parts.length === 0)) {
        slot.parts.push(fits ? payload.text : cut(payload.text, slot.maxLength));
        cursor = (cursor + tries + 1) % slots.length;
        if (!coverage.has(payload.id)) coverage.set(payload.id, new Set());
        coverage.get(payload.id)!.add(kind);
        return true;
      }
    }
    return false;
  };
  // Longest first, so long payloads find empty slots and short ones fill the gaps.
  for (const payload of [...payloads].sort((a, b) => b.text.length - a.text.length)) place(payload, false);
  for (let i = 0; slots.some((s) => s.parts.length === 0) && i < payloads.length * 2; i++)
    place(payloads[i % payloads.length], true);
  return slots;
}

export function planHostileContent(payloads: Payload[]): HostilePlan {
  const coverage: HostilePlan['coverage'] = new Map();
  const values = Object.fromEntries(
    (['articles', 'workshops', 'regions', 'partners', 'pages'] as Plural[]).map((p) => [
      p,
      Array.from({ length: ENTRIES_PER_TYPE }, () => ({ sl: {}, en: {} })),
    ]),
  ) as HostilePlan['values'];
  const mediaAlts: string[] = Array.from({ length: ENTRIES_PER_TYPE }, () => '');
  const perField = new Map<string, number>();

  for (const kind of ['plain', 'alt'] as FieldKind[]) {
    for (const slot of pack(kind, payloads, coverage)) {
      const joined = slot.parts.join(kind === 'plain' ? ' ' : '\n\n');
      const value = [...joined.trim()].length < slot.minLength ? joined + PADDING : joined;
      perField.set(
        `${slot.plural}.${slot.field}`,
        (perField.get(`${slot.plural}.${slot.field}`) ?? 0) + slot.parts.length,
      );
      if (slot.plural === 'media') mediaAlts[slot.index] = value;
      else
        for (const locale of slot.locale ? [slot.locale] : LOCALES)
          values[slot.plural][slot.index][locale][slot.field] = value;
    }
  }
  // Markdown: every payload in every markdown field, spread over the entries and languages.
  const markdownFields: [Plural, string][] = [
    ['articles', 'body'],
    ['workshops', 'description'],
    ['regions', 'description'],
    ['partners', 'description'],
    ['pages', 'body'],
  ];
  const slotCount = ENTRIES_PER_TYPE * LOCALES.length;
  for (const [plural, field] of markdownFields) {
    for (let slot = 0; slot < slotCount; slot++) {
      const mine = payloads.filter((_, i) => i % slotCount === slot);
      values[plural][Math.floor(slot / 2)][LOCALES[slot % 2]][field] = [
        BENIGN_MARKDOWN,
        ...mine.map((p) => p.text),
      ].join('\n\n');
    }
    perField.set(`${plural}.${field}`, payloads.length);
  }
  for (const payload of payloads) {
    if (!coverage.has(payload.id)) coverage.set(payload.id, new Set());
    coverage.get(payload.id)!.add('markdown');
  }
  return { values, mediaAlts, coverage, perField };
}

const REGION_CODES = [
  'SI031',
  'SI032',
  'SI033',
  'SI034',
  'SI035',
  'SI036',
  'SI037',
  'SI038',
  'SI041',
  'SI042',
  'SI043',
  'SI044',
];
const PARTNER_KINDS = ['ministry', 'public_agency', 'municipality', 'chamber', 'association', 'business'];

export const hostileSlug = (plural: Plural, index: number) =>
  `hostile-${plural.slice(0, -1)}-${String(index + 1).padStart(2, '0')}`;

export interface UrlProbe {
  /** Payloads refused by the CMS, per URL field. */
  refused: Record<'website' | 'registrationUrl', number>;
  /** Values both fields accepted (http(s) URLs), to be seeded and rendered. */
  accepted: string[];
  /** Accepted values that are not http(s) URLs: must stay empty. */
  acceptedUnsafe: string[];
}

/**
 * Offers every payload to both URL fields, on drafts made for the purpose (never published),
 * and sorts the answers: refused with a validation error naming the field, or accepted.
 */
export async function probeUrlFields(editor: CmsEditor, payloads: Payload[]): Promise<UrlProbe> {
  const partner = await editor.create('partners', 'sl', { name: 'URL probe', slug: 'url-probe', kind: 'business' });
  const workshop = await editor.create('workshops', 'sl', {
    title: 'URL probe',
    slug: 'url-probe',
    eventStatus: 'planned',
  });
  const probe: UrlProbe = { refused: { website: 0, registrationUrl: 0 }, accepted: [], acceptedUnsafe: [] };
  for (const payload of payloads) {
    let acceptedByBoth = true;
    for (const [plural, documentId, field] of [
      ['partners', partner.documentId, 'website'],
      ['workshops', workshop.documentId, 'registrationUrl'],
    ] as const) {
      const { status, body } = await editor.tryUpdate(plural, documentId, 'sl', { [field]: payload.text });
      if (status === 400 && JSON.stringify(body?.error?.details ?? {}).includes(`"${field}"`)) {
        probe.refused[field] += 1;
        acceptedByBoth = false;
      } else if (status !== 200) {
        throw new Error(
          `${plural}.${field} = ${JSON.stringify(payload.text.slice(0, 80))}: unexpected HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`,
        );
      } else if (!/^https?:\/\//i.test(payload.text.trim())) {
        probe.acceptedUnsafe.push(`${field}: ${payload.text}`);
      }
    }
    if (acceptedByBoth) probe.accepted.push(payload.text);
  }
  await editor.remove('partners', partner.documentId);
  await editor.remove('workshops', workshop.documentId);
  return probe;
}

/**
 * Seeds the plan: media, then regions, partners, workshops, articles (targets before relations),
 * published in sl and en. The URL fields get the hostile http(s) URLs the CMS accepted.
 */
export async function seedHostileContent(
  editor: CmsEditor,
  plan: HostilePlan,
  urls: string[],
): Promise<Record<Plural, string[]>> {
  const mediaIds: number[] = [];
  for (const [i, alt] of plan.mediaAlts.entries()) {
    mediaIds.push(
      await editor.upload(
        { name: `hostile-${i + 1}.png`, bytes: solidPng(4, 3, [i * 9, 85, 99]), mime: 'image/png' },
        { alternativeText: alt },
      ),
    );
  }
  const ids: Record<Plural, string[]> = { articles: [], workshops: [], regions: [], partners: [], pages: [] };
  const shared = (plural: Plural, i: number): Fields => {
    const slug = hostileSlug(plural, i);
    switch (plural) {
      case 'regions':
        return { slug, code: REGION_CODES[i % REGION_CODES.length] };
      case 'partners':
        return {
          slug,
          kind: PARTNER_KINDS[i % PARTNER_KINDS.length],
          logo: mediaIds[i],
          regions: [ids.regions[i]],
          website: urls[i % urls.length],
        };
      case 'workshops': {
        const day = String((i % 27) + 1).padStart(2, '0');
        return {
          slug,
          eventStatus: 'planned',
          capacity: 20 + i,
          region: ids.regions[i],
          partners: [ids.partners[i]],
          registrationUrl: urls[(i + 1) % urls.length],
          startsAt: `2031-03-${day}T08:00:00.000Z`,
          endsAt: `2031-03-${day}T10:00:00.000Z`,
        };
      }
      case 'pages':
        return { slug };
      case 'articles':
        return {
          slug,
          publishedDate: `2030-01-${String((i % 28) + 1).padStart(2, '0')}`,
          cover: mediaIds[i],
          regions: [ids.regions[i]],
          partners: [ids.partners[i]],
          workshops: [ids.workshops[i]],
        };
    }
  };
  for (const plural of ['regions', 'partners', 'workshops', 'articles', 'pages'] as Plural[]) {
    for (const [i, byLocale] of plan.values[plural].entries()) {
      const { documentId } = await editor.create(
        plural,
        'sl',
        { ...withComponents(byLocale.sl), ...shared(plural, i) },
        { publish: true },
      );
      await editor.translate(
        plural,
        documentId,
        'en',
        { ...withComponents(byLocale.en), ...shared(plural, i) },
        {
          publish: true,
        },
      );
      ids[plural].push(documentId);
    }
  }
  return ids;
}
