/**
 * The CI cycle: instead of building here, ask GitHub Actions to build (.github/workflows/rebuild.yml)
 * with a repository_dispatch event. Strapi cannot call GitHub itself, since GitHub wants an
 * `event_type` in the body and Strapi's webhook body is fixed; the rebuild service relays, and
 * keeps its secret check, filtering and debounce, so a burst of publishes is one workflow run.
 */
import type { Publisher } from './publish.ts';

/** The event type .github/workflows/rebuild.yml listens for; its test keeps the two in step. */
export const DISPATCH_EVENT_TYPE = 'strapi-publish';

export interface GithubDispatchOptions {
  /** owner/name */
  repository: string;
  /** A token allowed to create repository_dispatch events (fine-grained: Contents read and write). */
  token: string;
  apiUrl?: string;
}

export function githubDispatch(options: GithubDispatchOptions): Publisher {
  const apiUrl = (options.apiUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const endpoint = `${apiUrl}/repos/${options.repository}/dispatches`;
  return async ({ signal, events }) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]),
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json',
        'user-agent': 'koper-otok-rebuild-service',
        'x-github-api-version': '2022-11-28',
      },
      body: JSON.stringify({ event_type: DISPATCH_EVENT_TYPE, client_payload: { events } }),
    });
    if (response.status !== 204) {
      const detail = (await response.text()).slice(0, 300);
      throw new Error(
        `GitHub refused the ${DISPATCH_EVENT_TYPE} dispatch to ${options.repository}: HTTP ${response.status} ${detail}`,
      );
    }
    return { pages: null, note: `asked GitHub Actions to build (${DISPATCH_EVENT_TYPE} to ${options.repository})` };
  };
}
