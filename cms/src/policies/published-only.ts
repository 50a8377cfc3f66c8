import { errors } from '@strapi/utils';

/**
 * Drafts are for staff and previews, never for the public.
 *
 * Out of the box Strapi 5 serves drafts to anyone who holds the public `find` permission
 * and asks for them (`?status=draft` over REST, `status: DRAFT` over GraphQL). This policy
 * refuses such a request unless it carries an API token, so drafts stay behind a secret.
 * One policy serves both APIs: GraphQL passes resolver args, REST the Koa request.
 */
type PolicyContext = {
  args?: Record<string, unknown>;
  request?: { query?: Record<string, unknown> };
  state?: { auth?: { strategy?: { name?: string } } };
};

// The strategy was renamed across Strapi 5 minors; both names mean "an API token".
const API_TOKEN_STRATEGIES = new Set(['api-token', 'content-api-token']);

export const asksForDrafts = (context: PolicyContext): boolean => {
  const status = context.args?.status ?? context.request?.query?.status;
  // Arrays (?status[]=draft) and any casing count: only an explicit "published" is harmless.
  return [status].flat().some((value) => value !== undefined && String(value).toLowerCase() !== 'published');
};

export default (context: PolicyContext): boolean => {
  if (!asksForDrafts(context)) return true;
  if (API_TOKEN_STRATEGIES.has(context.state?.auth?.strategy?.name ?? '')) return true;
  throw new errors.PolicyError('Drafts are not public: reading status=draft needs an API token.', {
    policy: 'published-only',
  });
};
