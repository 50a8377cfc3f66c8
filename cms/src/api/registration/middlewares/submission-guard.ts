/**
 * Route middleware of POST /api/registrations (api::registration.submission-guard): the abuse
 * checks of src/registration-guard/ before reg-core's controller stores anything. A refusal is
 * answered like every outcome (respondWithOutcome); a form posted without JavaScript gets the
 * "one more step" page instead.
 */
import type { Context, Next } from 'koa';
import type { Core } from '@strapi/strapi';
import { createSubmissionGuard, type GuardVerdict } from '../../../registration-guard/guard';
import { languageOf, respondWithOutcome } from '../../../registration/respond';

const answersJson = (ctx: Context) => ctx.accepts('html', 'json') === 'json';

function answerOneMoreStep(ctx: Context, html: string): void {
  ctx.status = 200;
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Robots-Tag', 'noindex');
  ctx.body = html;
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const check = createSubmissionGuard(strapi);
  return async function submissionGuard(ctx: Context, next: Next): Promise<void> {
    const body: unknown = ctx.request.body;
    const language = languageOf((body as { language?: unknown } | undefined)?.language);
    const verdict: GuardVerdict = await check({
      body,
      declaredBytes: ctx.request.length,
      clientAddress: ctx.request.ip,
      isFormPost: Boolean(ctx.is('application/x-www-form-urlencoded')) && !answersJson(ctx),
      language,
    });
    if (verdict.kind === 'pass') return next();
    if (verdict.kind === 'one-more-step') return answerOneMoreStep(ctx, verdict.html);
    return respondWithOutcome(ctx, language, verdict.outcome);
  };
};
