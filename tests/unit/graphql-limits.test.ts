// cms/src/graphql/operation-limits.ts: what one GraphQL operation may ask for, measured before
// any resolver runs. A small schema with Strapi's shapes (lists with pagination, connections
// with nodes) stands in for the real one; the site's own queries must stay well within the limits.
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GRAPHQL_LIMITS } from '../../cms/config/plugins';
import { checkOperation, measureOperation } from '../../cms/src/graphql/operation-limits';
import { SITE_EXPORT_QUERY } from '../../site/src/lib/cms/queries/site-export';

const schema = buildSchema(`
  scalar I18NLocaleCode
  enum PublicationStatus { DRAFT PUBLISHED }
  input PaginationArg { page: Int pageSize: Int start: Int limit: Int }
  type Media { url: String alternativeText: String width: Int height: Int }
  scalar JSON
  enum SiteExportType { article workshop region partner }
  type SiteExportPageInfo { total: Int! }
  type SiteExportPage { nodes: JSON! pageInfo: SiteExportPageInfo! }
  type Pagination { pageCount: Int total: Int }
  input IDFilterInput { gt: ID }
  input DocumentFiltersInput { documentId: IDFilterInput }
  type Region { documentId: ID name: String slug: String code: String description: String articles(pagination: PaginationArg): [Article] workshops(pagination: PaginationArg): [Workshop] partners(pagination: PaginationArg): [Partner] }
  type Partner { documentId: ID locale: String name: String shortName: String slug: String kind: String website: String description: String logo: Media regions(pagination: PaginationArg): [Region] articles(pagination: PaginationArg): [Article] workshops(pagination: PaginationArg): [Workshop] }
  type Workshop { documentId: ID locale: String title: String slug: String startsAt: String endsAt: String venueName: String venueAddress: String city: String description: String registrationUrl: String capacity: Int eventStatus: String region: Region partners(pagination: PaginationArg): [Partner] articles(pagination: PaginationArg): [Article] }
  type Article { documentId: ID locale: String title: String slug: String excerpt: String body: String publishedDate: String cover: Media regions(pagination: PaginationArg): [Region] partners(pagination: PaginationArg): [Partner] workshops(pagination: PaginationArg): [Workshop] }
  type ArticleConnection { nodes: [Article!]! pageInfo: Pagination! }
  type WorkshopConnection { nodes: [Workshop!]! pageInfo: Pagination! }
  type RegionConnection { nodes: [Region!]! pageInfo: Pagination! }
  type PartnerConnection { nodes: [Partner!]! pageInfo: Pagination! }
  type Query {
    articles(locale: I18NLocaleCode, status: PublicationStatus, pagination: PaginationArg): [Article]
    articles_connection(locale: I18NLocaleCode, status: PublicationStatus, filters: DocumentFiltersInput, sort: [String], pagination: PaginationArg): ArticleConnection
    workshops_connection(locale: I18NLocaleCode, status: PublicationStatus, filters: DocumentFiltersInput, sort: [String], pagination: PaginationArg): WorkshopConnection
    regions_connection(locale: I18NLocaleCode, status: PublicationStatus, filters: DocumentFiltersInput, sort: [String], pagination: PaginationArg): RegionConnection
    partners_connection(locale: I18NLocaleCode, status: PublicationStatus, filters: DocumentFiltersInput, sort: [String], pagination: PaginationArg): PartnerConnection
    regions(pagination: PaginationArg): [Region]
    siteExport(type: SiteExportType!, locale: I18NLocaleCode, status: PublicationStatus, after: ID!, limit: Int!): SiteExportPage!
  }
`);

function measure(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  return {
    ...measureOperation(schema, operation, fragments, variables, GRAPHQL_LIMITS),
    refusal: checkOperation(schema, operation, fragments, variables, GRAPHQL_LIMITS),
  };
}

describe('the site build query', () => {
  it.each(['article', 'workshop', 'region', 'partner'])(
    'siteExport of %s at the largest page size passes with room to spare',
    (type) => {
      const { cost, refusal } = measure(SITE_EXPORT_QUERY, {
        type,
        locale: 'sl',
        status: 'PUBLISHED',
        after: '',
        pageSize: GRAPHQL_LIMITS.maxLimit,
        withTotal: true,
      });
      expect(refusal).toBeNull();
      expect(cost).toBeLessThan(GRAPHQL_LIMITS.maxCost / 2);
    },
  );
});

describe('pagination', () => {
  it('refuses limit or pageSize above maxLimit, below 1 or not a number, in literals and variables', () => {
    expect(measure('{ articles(pagination: { limit: 101 }) { title } }').problems).toEqual([
      'pagination.limit 101 on "articles" is outside 1–100 (maxLimit)',
    ]);
    expect(
      measure('query($p: PaginationArg) { a: articles(pagination: $p) { title } }', { p: { pageSize: 1000 } })
        .problems[0],
    ).toContain('pagination.pageSize 1000 on "a"');
    expect(
      measure('query($n: Int) { articles(pagination: { limit: $n }) { title } }', { n: -1 }).problems[0],
    ).toContain('pagination.limit -1');
    expect(measure('{ regions { articles(pagination: { limit: 0 }) { title } } }').problems[0]).toContain(
      '"regions.articles"',
    );
    expect(measure('{ articles(pagination: { limit: 100 }) { title } }').problems).toEqual([]);
  });
});

describe('cost and breadth', () => {
  it('multiplies by page sizes: lists nested in lists cost millions', () => {
    expect(measure('{ articles(pagination: { limit: 10 }) { title } }').cost).toBe(1 + 10);
    expect(measure('{ articles { title } }').cost).toBe(1 + GRAPHQL_LIMITS.defaultLimit);
    expect(
      measure('{ articles_connection(pagination: { pageSize: 50 }) { nodes { title } pageInfo { total } } }').cost,
    ).toBe(1 + 1 + 50 + 1 + 1);
    const nested = measure(
      '{ articles(pagination: { limit: 100 }) { partners(pagination: { limit: 100 }) { articles(pagination: { limit: 100 }) { title } } } }',
    );
    expect(nested.cost).toBe(1 + 100 + 100 * 100 + 100 * 100 * 100);
    expect(nested.refusal?.message).toMatch(/more than the limit of 100000/);
  });

  it('counts fragments where they are spread, and aliases one by one', () => {
    const viaFragment = measure(
      'fragment F on Article { title body } { articles(pagination: { limit: 10 }) { ...F ... on Article { slug } } }',
    );
    expect(viaFragment.cost).toBe(1 + 10 * 3);
    const aliases = Array.from({ length: 21 }, (_, i) => `a${i}: articles(pagination: { limit: 1 }) { title }`).join(
      ' ',
    );
    expect(measure(`{ ${aliases} }`).refusal?.message).toMatch(/21 top-level fields, more than the limit of 20/);
  });

  it('counts introspection once per field, so schema tools keep working', () => {
    const { cost, refusal } = measure('{ __schema { types { name fields { name args { name } } } } }');
    expect(refusal).toBeNull();
    expect(cost).toBeLessThan(10);
  });

  it('answers a refusal as a 400 with one message naming every problem', () => {
    const { refusal } = measure(
      '{ articles(pagination: { limit: 500 }) { partners(pagination: { limit: 100 }) { articles(pagination: { limit: 100 }) { title } } } }',
    );
    expect(refusal?.extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', http: { status: 400 } });
    expect(refusal?.message).toMatch(
      /^Query refused: pagination\.limit 500 .*; it asks for up to \d+ fields of entries/,
    );
  });
});
