import type { Context, Next } from 'koa';

/**
 * Runs before a registration is accepted (POST /api/registrations): the abuse checks (honeypot,
 * proof of work, rate limits) live here and answer with respondWithOutcome from
 * src/registration/respond.ts. Until they are in place every submission passes.
 */
export default () =>
  async function submissionGuard(_ctx: Context, next: Next): Promise<void> {
    return next();
  };
