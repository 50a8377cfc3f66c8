// scripts/lib/content-model.ts: the content model in content-types/schemas/*.json and what is
// derived from it. The committed content-types/generated/types.ts must be up to date, Strapi's
// schema copies (written by the pretest script) must match, and the type generator maps
// enumerations and relations correctly. loadSchemas() rejects a misnamed schema file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  derivedContentModelFiles,
  generateTypes,
  loadComponents,
  loadSchemas,
  type StrapiComponent,
  type StrapiSchema,
} from '../../scripts/lib/content-model.ts';
import { cmsDir, contentTypesDir } from '../../scripts/lib/paths.ts';

const TYPE_NAMES = ['article', 'navigation', 'page', 'partner', 'redirect', 'region', 'registration', 'workshop'];

describe('the committed content model', () => {
  const schemas = loadSchemas();
  const files = derivedContentModelFiles(schemas);

  it('has the content types, keyed by singular name', () => {
    expect([...schemas.keys()]).toEqual(TYPE_NAMES);
    for (const [name, schema] of schemas) expect(schema.info.singularName).toBe(name);
  });

  it('derives one Strapi schema copy per type and component, and the generated types file', () => {
    const expected = [
      ...TYPE_NAMES.map((name) => path.join(cmsDir, 'src', 'api', name, 'content-types', name, 'schema.json')),
      ...[...loadComponents().keys()].map((uid) => path.join(cmsDir, 'src', 'components', ...uid.split('.')) + '.json'),
      path.join(contentTypesDir, 'generated', 'types.ts'),
    ];
    expect([...files.keys()].sort()).toEqual(expected.sort());
    for (const name of TYPE_NAMES) {
      const copy = files.get(path.join(cmsDir, 'src', 'api', name, 'content-types', name, 'schema.json'))!;
      expect(JSON.parse(copy)).toEqual(schemas.get(name));
      expect(copy.endsWith('}\n')).toBe(true);
    }
  });

  it('content-types/generated/types.ts is up to date with the schemas', () => {
    const file = path.join(contentTypesDir, 'generated', 'types.ts');
    const committed = readFileSync(file, 'utf8');
    expect(
      committed,
      'content-types/generated/types.ts is stale: run `npm run sync:content-types` and commit the result',
    ).toBe(generateTypes(loadSchemas(), loadComponents()));
  });

  it("Strapi's schema copies, where present, equal the content model", () => {
    for (const [file, content] of files) {
      if (!file.startsWith(cmsDir) || !existsSync(file)) continue;
      expect(
        readFileSync(file, 'utf8'),
        `${path.relative(cmsDir, file)} is stale: run \`npm run sync:content-types\``,
      ).toBe(content);
    }
  });
});

describe('generateTypes', () => {
  const tiny = new Map<string, StrapiSchema>([
    [
      'event',
      {
        kind: 'collectionType',
        info: { singularName: 'event', pluralName: 'events', displayName: 'Event' },
        attributes: {
          title: { type: 'string', required: true },
          notes: { type: 'text' },
          seats: { type: 'integer' },
          eventStatus: { type: 'enumeration', enum: ['draft', 'live'], required: true },
          venue: { type: 'relation', relation: 'manyToOne', target: 'api::venue.venue' },
          tags: { type: 'relation', relation: 'manyToMany', target: 'api::venue.venue' },
          poster: { type: 'media', multiple: false },
          gallery: { type: 'media', multiple: true },
        },
      },
    ],
    [
      'venue',
      {
        kind: 'collectionType',
        info: { singularName: 'venue', pluralName: 'venues', displayName: 'Venue' },
        attributes: {
          name: { type: 'string', required: true },
          events: { type: 'relation', relation: 'oneToMany', target: 'api::event.event' },
        },
      },
    ],
  ]);
  const out = generateTypes(tiny);

  it('emits an enum as a union type named after type and attribute', () => {
    expect(out).toContain("export type EventEventStatus = 'draft' | 'live';");
    expect(out).toContain('  eventStatus: EventEventStatus;');
  });

  it('maps to-many relations to arrays and to-one relations to nullable references', () => {
    expect(out).toContain('  tags: Venue[];');
    expect(out).toContain('  venue: Venue | null;');
    expect(out).toContain('  events: Event[];');
  });

  it('makes optional scalars nullable and keeps required ones plain', () => {
    expect(out).toContain('  title: string;');
    expect(out).toContain('  notes: string | null;');
    expect(out).toContain('  seats: number | null;');
    expect(out).toContain('  poster: Media | null;');
    expect(out).toContain('  gallery: Media[];');
  });

  it('emits one interface per type with documentId and locale, and the type name union', () => {
    expect(out).toMatch(/\/\*\* Event \*\/\nexport interface Event \{\n {2}documentId: string;\n {2}locale: Locale;\n/);
    expect(out).toContain('export interface Venue {');
    expect(out).toContain("export type ContentTypeName = 'event' | 'venue';");
    expect(out).toContain("export type Locale = 'sl' | 'en';");
  });

  it('emits a component as an interface named after its category and name, embedded singly or as a list', () => {
    const components = new Map<string, StrapiComponent>([
      [
        'shared.seo',
        {
          collectionName: 'components_shared_seos',
          info: { displayName: 'SEO' },
          attributes: {
            metaTitle: { type: 'string' },
            robots: { type: 'enumeration', enum: ['index', 'noindex'], required: true },
          },
        },
      ],
    ]);
    const withComponents = new Map(tiny);
    withComponents.set('page', {
      kind: 'collectionType',
      info: { singularName: 'page', pluralName: 'pages', displayName: 'Page' },
      attributes: {
        seo: { type: 'component', component: 'shared.seo' },
        links: { type: 'component', component: 'shared.seo', repeatable: true },
      },
    });
    const generated = generateTypes(withComponents, components);
    expect(generated).toContain(
      'export interface SharedSeo {\n  metaTitle: string | null;\n  robots: SharedSeoRobots;\n}',
    );
    expect(generated).toContain("export type SharedSeoRobots = 'index' | 'noindex';");
    expect(generated).toContain('  seo: SharedSeo | null;');
    expect(generated).toContain('  links: SharedSeo[];');
  });

  it('rejects an attribute type it does not know', () => {
    const bad = new Map<string, StrapiSchema>([
      [
        'thing',
        {
          kind: 'collectionType',
          info: { singularName: 'thing', pluralName: 'things', displayName: 'Thing' },
          attributes: { x: { type: 'dynamiczone' } },
        },
      ],
    ]);
    expect(() => generateTypes(bad)).toThrow(/thing\.x has unsupported type "dynamiczone"/);
  });
});

describe('loadSchemas', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  const schemaNamed = (singularName: string) =>
    JSON.stringify({
      kind: 'collectionType',
      info: { singularName, pluralName: `${singularName}s`, displayName: singularName },
      attributes: {},
    });

  it('reads every .json file of a folder, in name order', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'koper-otok-schemas-'));
    writeFileSync(path.join(dir, 'zebra.json'), schemaNamed('zebra'));
    writeFileSync(path.join(dir, 'apple.json'), schemaNamed('apple'));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a schema');
    expect([...loadSchemas(dir).keys()]).toEqual(['apple', 'zebra']);
  });

  it('throws when info.singularName does not match the file name', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'koper-otok-schemas-'));
    writeFileSync(path.join(dir, 'article.json'), schemaNamed('article'));
    writeFileSync(path.join(dir, 'workshop.json'), schemaNamed('workshops'));
    expect(() => loadSchemas(dir)).toThrow(/workshop\.json: info\.singularName must be "workshop", found "workshops"/);
  });

  it('throws when info is missing altogether', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'koper-otok-schemas-'));
    writeFileSync(path.join(dir, 'region.json'), JSON.stringify({ kind: 'collectionType', attributes: {} }));
    expect(() => loadSchemas(dir)).toThrow(/region\.json: info\.singularName must be "region"/);
  });
});
