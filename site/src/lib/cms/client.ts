/**
 * The only module that talks to Strapi. One GraphQL client (graphql-request) with:
 *   - bounded retries with exponential backoff for network faults, timeouts and 5xx/429;
 *   - paging: fetchAll() reads a list page by page, keyed by the last documentId
 *     (never trusting one request, since Strapi caps every list at maxLimit), and checks the
 *     total the first page promised;
 *   - errors that name the query, the URL and the cause, so a failed build says why.
 */
import { ClientError, GraphQLClient } from 'graphql-request';

export interface CmsClientOptions {
  /** Strapi's base URL; GraphQL is served at `${url}/graphql`. */
  url: string;
  token?: string;
  fetch?: typeof fetch;
  retries?: number;
  retryDelayMs?: number;
  timeoutMs?: number;
  /** Items per page; must not exceed Strapi's graphql maxLimit. */
  pageSize?: number;
  /** Sees each page's items as soon as they arrive, while later pages are still on their way. */
  onPage?: (items: unknown[]) => void;
}

export class CmsRequestError extends Error {
  override name = 'CmsRequestError';
}

/**
 * A paged query (queries/site-export.ts) selects `items { nodes pageInfo { total } }` and takes
 * the variables $after (the last documentId read), $pageSize and $withTotal (first page only).
 */
interface Connection<T> {
  items: { nodes: T[]; pageInfo?: { total: number } };
}
interface Keyed {
  documentId: string;
}

export type CmsClient = ReturnType<typeof createCmsClient>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isRetryable(error: unknown): boolean {
  if (error instanceof ClientError) {
    const status = error.response.status;
    return status >= 500 || status === 429;
  }
  return true; // connection refused, reset, timeout, malformed body: worth another try
}

function describe(error: unknown): string {
  if (error instanceof ClientError) {
    const messages = (error.response.errors ?? []).map((e) => e.message).join('; ');
    return `HTTP ${error.response.status}${messages ? `: ${messages}` : ''}`;
  }
  const err = error as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message} (${cause})` : String(err?.message ?? error);
}

export function createCmsClient(options: CmsClientOptions) {
  const endpoint = `${options.url.replace(/\/+$/, '')}/graphql`;
  const { retries = 3, retryDelayMs = 500, timeoutMs = 30_000, pageSize = 100 } = options;
  const graphql = new GraphQLClient(endpoint, {
    headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
    fetch: options.fetch,
  });
  const stats = { requests: 0 };

  async function request<T>(name: string, document: string, variables: Record<string, unknown> = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        stats.requests += 1;
        return await graphql.request<T>({ document, variables, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        if (!isRetryable(error) || attempt > retries) {
          throw new CmsRequestError(
            `Strapi query "${name}" to ${endpoint} failed after ${attempt} attempt(s): ${describe(error)}`,
            { cause: error },
          );
        }
        await sleep(retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  /**
   * Reads every page of a list, in documentId order: each page starts after the last id of the
   * one before. The next page is asked for before onPage() sees this one, so the CMS works on
   * it while the build digests the last (rendering markdown takes as long as Strapi's answer).
   */
  async function fetchAll<T extends Keyed>(
    name: string,
    document: string,
    variables: Record<string, unknown> = {},
  ): Promise<T[]> {
    const fetchPage = (page: number, after: string) =>
      request<Connection<T>>(`${name} (page ${page})`, document, {
        ...variables,
        after,
        pageSize,
        withTotal: page === 1,
      });
    const all: T[] = [];
    let { items } = await fetchPage(1, '');
    const total = items.pageInfo?.total;
    if (total === undefined)
      throw new CmsRequestError(`Strapi query "${name}" to ${endpoint} announced no total on its first page.`);
    for (let page = 2; ; page++) {
      all.push(...items.nodes);
      const more = items.nodes.length === pageSize && all.length < total;
      const next = more ? fetchPage(page, all.at(-1)!.documentId) : undefined;
      next?.catch(() => undefined); // rejected while onPage runs: reported by the await below
      options.onPage?.(items.nodes);
      if (!next) break;
      ({ items } = await next);
    }
    if (all.length !== total) {
      throw new CmsRequestError(
        `Strapi query "${name}" to ${endpoint} returned ${all.length} items but announced ${total}; ` +
          'content changed during the build or a page was cut short. Run the build again.',
      );
    }
    return all;
  }

  return { endpoint, request, fetchAll, stats };
}
