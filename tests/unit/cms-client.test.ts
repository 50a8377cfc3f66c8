// site/src/lib/cms/client.ts: createCmsClient() against a fake fetch. Paging (fetchAll reads
// every page, each keyed by the last documentId of the one before, and checks the total the
// first page announced), bounded retries for 5xx and network faults,
// no retries for GraphQL errors, error messages that name the endpoint, query and cause,
// and the bearer token header.
import { describe, expect, it } from 'vitest';
import { CmsRequestError, createCmsClient } from '../../site/src/lib/cms/client';

const URL_BASE = 'http://cms.test';
const ENDPOINT = 'http://cms.test/graphql';
const QUERY = /* GraphQL */ `
  query Items($after: ID!, $pageSize: Int!, $withTotal: Boolean!) {
    items: things_connection(filters: { documentId: { gt: $after } }, pagination: { limit: $pageSize }) {
      nodes {
        documentId
      }
      pageInfo @include(if: $withTotal) {
        total
      }
    }
  }
`;

interface Call {
  url: string;
  query: string;
  variables: Record<string, unknown>;
  headers: Headers;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake fetch that records each call and answers with `respond(call, index)`. */
function fakeFetch(respond: (call: Call, index: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body));
    const call: Call = {
      url: String(input),
      query: body.query,
      variables: body.variables,
      headers: new Headers(init?.headers),
    };
    calls.push(call);
    return respond(call, calls.length - 1);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** The error a promise rejects with; fails the test if it resolves instead. */
async function rejection(promise: Promise<unknown>): Promise<Error & { cause?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { cause?: unknown };
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** Serves `total` items (ids item-001 ...) after the given documentId, like Strapi's *_connection. */
function pagedServer(total: number, options: { announcedTotal?: number } = {}) {
  const items = Array.from({ length: total }, (_, i) => ({ documentId: `item-${String(i + 1).padStart(3, '0')}` }));
  const fake = fakeFetch(({ variables }) => {
    const { after, pageSize, withTotal } = variables as { after: string; pageSize: number; withTotal?: boolean };
    const nodes = items.filter((item) => item.documentId > after).slice(0, pageSize);
    return json({
      data: { items: { nodes, ...(withTotal ? { pageInfo: { total: options.announcedTotal ?? total } } : {}) } },
    });
  });
  return { ...fake, items };
}

describe('createCmsClient', () => {
  it('serves GraphQL at <url>/graphql, with or without a trailing slash', () => {
    expect(createCmsClient({ url: URL_BASE }).endpoint).toBe(ENDPOINT);
    expect(createCmsClient({ url: `${URL_BASE}//` }).endpoint).toBe(ENDPOINT);
  });

  it('sends Authorization: Bearer <token> when a token is given', async () => {
    const server = pagedServer(1);
    const client = createCmsClient({ url: URL_BASE, token: 's3cret', fetch: server.fetch, retryDelayMs: 1 });
    await client.fetchAll('items', QUERY);
    expect(server.calls[0].headers.get('authorization')).toBe('Bearer s3cret');
    expect(server.calls[0].url).toBe(ENDPOINT);
  });

  it('sends no Authorization header without a token', async () => {
    const server = pagedServer(1);
    const client = createCmsClient({ url: URL_BASE, fetch: server.fetch, retryDelayMs: 1 });
    await client.fetchAll('items', QUERY);
    expect(server.calls[0].headers.has('authorization')).toBe(false);
  });
});

describe('fetchAll', () => {
  it('reads 250 items in exactly 3 pages of 100, each after the last id of the one before', async () => {
    const server = pagedServer(250);
    const client = createCmsClient({ url: URL_BASE, fetch: server.fetch, pageSize: 100, retryDelayMs: 1 });
    const all = await client.fetchAll<{ documentId: string }>('items', QUERY, { locale: 'sl' });

    expect(server.calls).toHaveLength(3);
    expect(client.stats.requests).toBe(3);
    expect(all).toHaveLength(250);
    expect(all).toEqual(server.items);
    expect(server.calls.map((c) => c.variables.after)).toEqual(['', 'item-100', 'item-200']);
    // The total (a COUNT in Strapi) is asked for once.
    expect(server.calls.map((c) => c.variables.withTotal)).toEqual([true, false, false]);
    for (const call of server.calls) {
      expect(call.variables.pageSize).toBe(100);
      expect(call.variables.locale).toBe('sl');
      expect(call.query).toContain('things_connection');
    }
  });

  it('makes one request when everything fits on the first page, and handles an empty list', async () => {
    const small = pagedServer(7);
    const client = createCmsClient({ url: URL_BASE, fetch: small.fetch, pageSize: 100 });
    expect(await client.fetchAll('items', QUERY)).toHaveLength(7);
    expect(small.calls).toHaveLength(1);

    const empty = pagedServer(0);
    expect(await createCmsClient({ url: URL_BASE, fetch: empty.fetch }).fetchAll('items', QUERY)).toEqual([]);
    expect(empty.calls).toHaveLength(1);
  });

  it('stops at the announced total when the last page is full, without asking for an empty page', async () => {
    const server = pagedServer(200);
    const client = createCmsClient({ url: URL_BASE, fetch: server.fetch, pageSize: 100 });
    expect(await client.fetchAll('items', QUERY)).toHaveLength(200);
    expect(server.calls).toHaveLength(2);
  });

  it('rejects when more items arrive than the first page announced (content added during the build)', async () => {
    const server = pagedServer(150, { announcedTotal: 120 });
    const client = createCmsClient({ url: URL_BASE, fetch: server.fetch, pageSize: 100 });
    const error = await rejection(client.fetchAll('items', QUERY));
    expect(error.message).toMatch(/returned 150 items but announced 120/);
  });

  it('rejects a first page without a total instead of guessing', async () => {
    const fake = fakeFetch(() => json({ data: { items: { nodes: [{ documentId: 'a' }] } } }));
    const client = createCmsClient({ url: URL_BASE, fetch: fake.fetch });
    const error = await rejection(client.fetchAll('items', QUERY));
    expect(error).toBeInstanceOf(CmsRequestError);
    expect(error.message).toContain('announced no total');
  });

  it('rejects when the pages give fewer items than the announced total', async () => {
    const server = pagedServer(3, { announcedTotal: 5 });
    const client = createCmsClient({ url: URL_BASE, fetch: server.fetch, pageSize: 100, retryDelayMs: 1 });
    const error = await rejection(client.fetchAll('items', QUERY));
    expect(error).toBeInstanceOf(CmsRequestError);
    expect(error.message).toContain('"items"');
    expect(error.message).toContain(ENDPOINT);
    expect(error.message).toMatch(/returned 3 items but announced 5/);
  });
});

describe('request retries', () => {
  it('retries a 503 and then succeeds; stats.requests counts every attempt', async () => {
    const fake = fakeFetch((_, i) =>
      i === 0
        ? new Response('Service Unavailable', { status: 503, headers: { 'content-type': 'text/plain' } })
        : json({ data: { items: { nodes: [{ documentId: 'a' }], pageInfo: { pageCount: 1, total: 1 } } } }),
    );
    const client = createCmsClient({ url: URL_BASE, fetch: fake.fetch, retries: 3, retryDelayMs: 1 });
    const all = await client.fetchAll('items', QUERY);
    expect(all).toEqual([{ documentId: 'a' }]);
    expect(fake.calls).toHaveLength(2);
    expect(client.stats.requests).toBe(2);
  });

  it('retries 429 and 500 as well', async () => {
    const fake = fakeFetch((_, i) =>
      i === 0
        ? json({ errors: [{ message: 'slow down' }] }, 429)
        : i === 1
          ? json({ errors: [{ message: 'boom' }] }, 500)
          : json({ data: { ok: true } }),
    );
    const client = createCmsClient({ url: URL_BASE, fetch: fake.fetch, retries: 3, retryDelayMs: 1 });
    await expect(client.request('Ping', '{ ok }')).resolves.toEqual({ ok: true });
    expect(client.stats.requests).toBe(3);
  });

  it('gives up on a refused connection after retries + 1 attempts, naming endpoint, query and cause', async () => {
    const fake = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    const client = createCmsClient({ url: URL_BASE, fetch: fake.fetch, retries: 2, retryDelayMs: 1 });
    const error = await rejection(client.request('Regions', QUERY, { page: 1, pageSize: 10 }));

    expect(error).toBeInstanceOf(CmsRequestError);
    expect(error.name).toBe('CmsRequestError');
    expect(error.message).toContain(ENDPOINT);
    expect(error.message).toContain('"Regions"');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('after 3 attempt(s)');
    expect(fake.calls).toHaveLength(3);
    expect(client.stats.requests).toBe(3);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('names the page of a paged query that failed', async () => {
    const fake = fakeFetch(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    });
    const client = createCmsClient({ url: URL_BASE, fetch: fake.fetch, retries: 1, retryDelayMs: 1 });
    const error = await rejection(client.fetchAll('articles[sl]', QUERY));
    expect(error).toBeInstanceOf(CmsRequestError);
    expect(error.message).toContain('articles[sl] (page 1)');
    expect(error.message).toContain(ENDPOINT);
    expect(fake.calls).toHaveLength(2);
  });

  it('does not retry a GraphQL error and reports its message', async () => {
    const fake = fakeFetch(() =>
      json({ data: null, errors: [{ message: 'Cannot query field "nope" on type "Query".' }] }),
    );
    const client = createCmsClient({ url: URL_BASE, fetch: fake.fetch, retries: 3, retryDelayMs: 1 });
    const error = await rejection(client.request('Broken', '{ nope }'));

    expect(error).toBeInstanceOf(CmsRequestError);
    expect(fake.calls).toHaveLength(1);
    expect(client.stats.requests).toBe(1);
    expect(error.message).toContain('Cannot query field "nope" on type "Query".');
    expect(error.message).toContain('"Broken"');
    expect(error.message).toContain(ENDPOINT);
    expect(error.message).toContain('after 1 attempt(s)');
  });

  it('does not retry a 4xx other than 429', async () => {
    const fake = fakeFetch(() => json({ errors: [{ message: 'Forbidden access' }] }, 403));
    const client = createCmsClient({ url: URL_BASE, fetch: fake.fetch, retries: 3, retryDelayMs: 1 });
    const error = await rejection(client.request('Secret', '{ secret }'));
    expect(error).toBeInstanceOf(CmsRequestError);
    expect(fake.calls).toHaveLength(1);
    expect(error.message).toContain('HTTP 403');
    expect(error.message).toContain('Forbidden access');
  });
});
