/**
 * The GraphQL API under load, with autocannon (npm) against Strapi on 127.0.0.1: a query
 * per scenario, at several connection counts, for a fixed time each. Latency percentiles are
 * computed from every response's time (autocannon's own summary has no p95). A GraphQL
 * answer can be HTTP 200 with errors, so each query is checked once before it is loaded.
 */
import { createRequire } from 'node:module';

/** The part of autocannon's API used here (the package ships no types). */
interface AutocannonInstance extends PromiseLike<{
  requests: { total: number };
  duration: number;
  non2xx: number;
  errors: number;
}> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
  on(event: 'reqError', listener: (error: Error) => void): void;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => AutocannonInstance;

export interface ApiScenario {
  name: string;
  query: string;
  /** Variables for the n-th request (e.g. a different slug each time). */
  variables(n: number): Record<string, unknown>;
}

export interface ApiResult {
  scenario: string;
  connections: number;
  durationS: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

export const NEWS_LIST_QUERY = /* GraphQL */ `
  query NewsList($locale: I18NLocaleCode) {
    articles(locale: $locale, sort: ["publishedDate:desc", "title:asc"], pagination: { limit: 20 }) {
      documentId
      title
      slug
      excerpt
      publishedDate
      cover {
        url
        alternativeText
        width
        height
      }
    }
  }
`;

export const ARTICLE_BY_SLUG_QUERY = /* GraphQL */ `
  query ArticleBySlug($slug: String!, $locale: I18NLocaleCode) {
    articles(locale: $locale, filters: { slug: { eq: $slug } }) {
      documentId
      title
      slug
      excerpt
      body
      publishedDate
      cover {
        url
        alternativeText
        width
        height
      }
      regions {
        documentId
        name
        slug
      }
      partners {
        documentId
        name
        slug
      }
      workshops {
        documentId
        title
        slug
      }
    }
  }
`;

/** The two API scenarios (a news list, an article by slug); slugs cycle deterministically over the generated articles. */
export function apiScenarios(articleCount: number): ApiScenario[] {
  return [
    { name: 'news list (20 items)', query: NEWS_LIST_QUERY, variables: () => ({ locale: 'sl' }) },
    {
      name: 'article by slug',
      query: ARTICLE_BY_SLUG_QUERY,
      variables: (n) => ({ locale: 'sl', slug: `primer-novice-${1 + ((n * 7919) % articleCount)}` }),
    },
  ];
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round1 = (n: number) => Math.round(n * 10) / 10;

async function checkQuery(url: string, scenario: ApiScenario): Promise<void> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables(0) }),
  });
  const body = (await response.json()) as { data?: { articles?: unknown[] }; errors?: { message: string }[] };
  if (!response.ok || body.errors || !body.data?.articles?.length) {
    throw new Error(
      `${scenario.name}: the query does not answer with articles (HTTP ${response.status}): ${JSON.stringify(body).slice(0, 300)}`,
    );
  }
}

/** Called for every answer and every failed request, e.g. to time failures against an event. */
export interface LoadObserver {
  onResponse?(status: number): void;
  onError?(error: Error): void;
}

export async function loadScenario(
  url: string,
  scenario: ApiScenario,
  connections: number,
  durationS: number,
  observer: LoadObserver = {},
): Promise<ApiResult> {
  await checkQuery(url, scenario);
  let sent = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: `${url}/graphql`,
    connections,
    duration: durationS,
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          body: JSON.stringify({ query: scenario.query, variables: scenario.variables(sent++) }),
        }),
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    latencies.push(responseTime);
    observer.onResponse?.(status);
  });
  instance.on('reqError', (error) => observer.onError?.(error));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    connections,
    durationS,
    requests: result.requests.total,
    requestsPerSecond: round1(result.requests.total / result.duration),
    latencyMs: {
      p50: round1(percentile(latencies, 50)),
      p95: round1(percentile(latencies, 95)),
      p99: round1(percentile(latencies, 99)),
      max: round1(latencies.at(-1) ?? 0),
    },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
