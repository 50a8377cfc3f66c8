import type { Context } from 'koa';
import { cancelPageHtml } from '../../../registration/cancel-page';
import { cancelRegistration } from '../../../registration/cancel';
import { confirmRegistration, type LinkResult } from '../../../registration/confirm';
import { formatWhen } from '../../../registration/mailer';
import { REGISTRATION_UID, type RegistrationRow } from '../../../registration/model';
import { countPlaces, placesLeft } from '../../../registration/places';
import { languageOf, respondWithOutcome } from '../../../registration/respond';
import { parseSubmission } from '../../../registration/submission';
import { submitRegistration } from '../../../registration/submit';
import { hashToken } from '../../../registration/tokens';
import {
  publishedWorkshop,
  takesRegistrations,
  workshopText,
  type RegistrationWorkshop,
} from '../../../registration/workshop';

/** Koa's context after Strapi's body parser. */
type RequestContext = Context & { request: { body?: unknown } };

const textParameter = (value: unknown): string => (typeof value === 'string' ? value : '');
const bodyOf = (ctx: RequestContext): Record<string, unknown> =>
  ctx.request.body && typeof ctx.request.body === 'object' ? (ctx.request.body as Record<string, unknown>) : {};

/** Runs a step that needs the database or mail; when either fails, the visitor is told to try later. */
async function orUnavailable(ctx: Context, language: ReturnType<typeof languageOf>, step: () => Promise<LinkResult>) {
  try {
    const { outcome, language: visitorLanguage } = await step();
    respondWithOutcome(ctx, visitorLanguage, outcome);
  } catch (error) {
    strapi.log.error(`Registration: ${(error as Error).message}`);
    respondWithOutcome(ctx, language, 'unavailable');
  }
}

/** The registration a cancel link belongs to, and its workshop (either may be missing). */
async function registrationOfCancelToken(token: string) {
  const row: RegistrationRow | null = token
    ? await strapi.db.query(REGISTRATION_UID).findOne({ where: { cancelTokenHash: hashToken(token) } })
    : null;
  const workshop: RegistrationWorkshop | null = row ? await publishedWorkshop(strapi, row.workshopDocumentId) : null;
  return { row, workshop };
}

export default {
  /** GET /api/registrations/places?workshop=: whether the workshop takes registrations, and its places. */
  async places(ctx: RequestContext) {
    const documentId = textParameter(ctx.query.workshop);
    const workshop = documentId ? await publishedWorkshop(strapi, documentId) : null;
    const { confirmed, waiting } = workshop ? await countPlaces(strapi, documentId) : { confirmed: 0, waiting: 0 };
    const capacity = workshop?.capacity ?? null;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      open: takesRegistrations(workshop, new Date()),
      capacity,
      confirmed,
      waiting,
      placesLeft: placesLeft(capacity, confirmed),
    };
  },

  /** POST /api/registrations: the form, after the submission guard. */
  async submit(ctx: RequestContext) {
    const parsed = parseSubmission(bodyOf(ctx));
    if ('refusal' in parsed) return respondWithOutcome(ctx, parsed.language, parsed.refusal);
    const { language } = parsed.submission;
    await orUnavailable(ctx, language, async () => ({
      outcome: await submitRegistration(strapi, parsed.submission),
      language,
    }));
  },

  /** GET /api/registrations/confirm?token=: the link in the confirmation mail. */
  async confirm(ctx: RequestContext) {
    await orUnavailable(ctx, 'sl', () => confirmRegistration(strapi, textParameter(ctx.query.token)));
  },

  /** GET /api/registrations/cancel?token=: the cancel form, in the visitor's language. */
  async cancelPage(ctx: RequestContext) {
    const token = textParameter(ctx.query.token);
    const found = await registrationOfCancelToken(token).catch((error: Error) => {
      strapi.log.error(`Registration: ${error.message}`);
      return 'unavailable' as const;
    });
    if (found === 'unavailable') return respondWithOutcome(ctx, 'sl', 'unavailable');
    if (!found.row || !found.workshop) return respondWithOutcome(ctx, languageOf(found.row?.language), 'expired');
    const { row, workshop } = found;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = cancelPageHtml({
      language: row.language,
      token,
      workshopTitle: workshopText(workshop, row.language).title,
      when: formatWhen(workshop.startsAt, row.language),
    });
  },

  /** POST /api/registrations/cancel (token, erase): cancels, and erases the data when asked. */
  async cancel(ctx: RequestContext) {
    const body = bodyOf(ctx);
    const erase = body.erase === 'yes' || body.erase === true;
    await orUnavailable(ctx, 'sl', () => cancelRegistration(strapi, textParameter(body.token), erase));
  },
};
