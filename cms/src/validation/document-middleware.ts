/**
 * Wires the editorial rules (rules.ts) into Strapi once, for all our content types (and staff
 * redirects, redirect-checks.ts) and every way of writing them: the admin's Content Manager,
 * REST, GraphQL, the seed and scripts all go through the Document Service, so one Document
 * Service middleware sees them all.
 *
 * - create / update: a missing slug is made from the title (slugs.ts), unique per locale; then
 *   the save rules run on the stored draft merged with the new data.
 * - publish (and create / update with status "published"): the publish rules run on the drafts
 *   being published, with their region, cover and logo loaded. A publication that breaks a rule
 *   is rolled back, so nothing half-published stays behind.
 *
 * - delete of a page: refused while a menu links to it (menu-guard.ts).
 *
 * A broken rule throws Strapi's ValidationError with one entry per field in details.errors: the
 * admin shows each message under its field and the summary in its notification.
 */
import type { Core, Modules } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { DEFAULT_LOCALE } from '@koper-otok/content-types';
import { fieldLabels, readTypeLayouts, type ContentTypeName, type TypeLayouts } from './labels';
import {
  checkRedirectPublish,
  checkRedirectSave,
  flattenDraftsPointingAt,
  flattenPublishedPointingAt,
  readOnlyProblems,
  REDIRECT_UID,
  redirectOverPage,
} from './redirect-checks';
import { publishProblems, saveProblems, slugNotDerivable, slugTaken, type Entry, type FieldProblem } from './rules';
import { slugFromTitle, TITLE_FIELD, uniqueSlug } from './slugs';
import { contentTypeUid } from '../utils/strapi-uids';
import { NAVIGATION_UID, refuseDeletingLinkedPage } from './menu-guard';

interface DocumentContext {
  uid: string;
  action: string;
  params: {
    documentId?: string;
    locale?: string | string[];
    status?: string;
    data?: Entry;
  };
}

type Strapi = Core.Strapi;
// What the Document Service's next() resolves to: the document(s) written, a count, or null.
type Next = Parameters<Modules.Documents.Middleware.Middleware>[1];
type Written = Awaited<ReturnType<Next>>;

const OUR_TYPES: Record<string, ContentTypeName> = {
  'api::article.article': 'article',
  'api::workshop.workshop': 'workshop',
  'api::region.region': 'region',
  'api::partner.partner': 'partner',
  'api::page.page': 'page',
  [NAVIGATION_UID]: 'navigation',
};

/** Our content type name for a Strapi UID, or null for Strapi's own types (users, files, …). */
export const contentTypeOf = (uid: string): ContentTypeName | null => OUR_TYPES[uid] ?? null;

export function validationError(problems: FieldProblem[]): errors.ValidationError {
  return new errors.ValidationError(problems.map((found) => found.message).join('\n'), {
    errors: problems.map(({ field, message }) => ({ path: [field], message, name: 'ValidationError' })),
  });
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
// A field the caller leaves undefined keeps its stored value (partial updates).
const definedFields = (data: Entry = {}) =>
  Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
const query = (strapi: Strapi, uid: string) => strapi.db.query(uid);
const singleLocale = (locale: DocumentContext['params']['locale']) =>
  typeof locale === 'string' && locale !== '*' ? locale : DEFAULT_LOCALE;
const otherDocuments = (documentId?: string) => (documentId ? { documentId: { $ne: documentId } } : {});

/**
 * The draft as stored before this save, for rules across fields (endsAt needs startsAt). A locale
 * being added for the first time starts from the fields that all locales share.
 */
async function storedDraft(
  strapi: Strapi,
  uid: string,
  documentId: string | undefined,
  locale: string,
): Promise<Entry> {
  if (!documentId) return {};
  const drafts = query(strapi, uid);
  const own = await drafts.findOne({ where: { documentId, locale, publishedAt: null } });
  if (own) return own;
  const sibling = await drafts.findOne({ where: { documentId, publishedAt: null } });
  if (!sibling) return {};
  const attributes: Record<string, { pluginOptions?: { i18n?: { localized?: boolean } } }> = strapi.contentType(
    contentTypeUid(strapi, uid),
  ).attributes;
  return Object.fromEntries(
    Object.entries(sibling).filter(([field]) => attributes[field]?.pluginOptions?.i18n?.localized === false),
  );
}

/** The title's slug, with -2, -3, … if other documents in this locale already use it. */
export async function freeSlugFor(
  strapi: Strapi,
  uid: string,
  base: string,
  locale: string,
  documentId?: string,
): Promise<string> {
  const similar = await query(strapi, uid).findMany({
    where: { locale, publishedAt: null, slug: { $startsWith: base }, ...otherDocuments(documentId) },
    select: ['slug'],
  });
  return uniqueSlug(
    base,
    similar.map((entry: { slug: string }) => entry.slug),
  );
}

interface Checker {
  strapi: Strapi;
  layouts: TypeLayouts;
}

async function slugProblems(
  { strapi, layouts }: Checker,
  type: ContentTypeName,
  context: DocumentContext,
  entry: Entry,
  locale: string,
): Promise<FieldProblem[]> {
  const { uid, params } = context;
  const titleField = TITLE_FIELD[type];
  if (!titleField) return [];
  if (isBlank(entry.slug)) {
    const base = slugFromTitle(entry[titleField]);
    if (!base) return [slugNotDerivable(layouts, type, titleField)];
    const slug = await freeSlugFor(strapi, uid, base, locale, params.documentId);
    params.data = { ...params.data, slug };
    entry.slug = slug;
    return [];
  }
  const slug = String(entry.slug);
  const clash = await query(strapi, uid).findOne({
    where: { locale, publishedAt: null, slug, ...otherDocuments(params.documentId) },
    select: ['id'],
  });
  return clash ? [slugTaken(layouts, type, slug, locale)] : [];
}

async function checkSave(checker: Checker, type: ContentTypeName, context: DocumentContext): Promise<void> {
  const { uid, params } = context;
  const locale = singleLocale(params.locale);
  const entry: Entry = {
    ...(await storedDraft(checker.strapi, uid, params.documentId, locale)),
    ...definedFields(params.data),
  };
  const problems = [
    ...(await slugProblems(checker, type, context, entry, locale)),
    ...saveProblems(checker.layouts, type, entry),
  ];
  if (problems.length > 0) throw validationError(problems);
}

const menuLinkTargets = { populate: { page: { select: ['documentId'] } } };
const POPULATE_FOR_PUBLISH: Record<ContentTypeName, string[] | Record<string, unknown>> = {
  article: ['cover'],
  workshop: ['region', 'image'],
  region: [],
  partner: ['logo'],
  page: [],
  navigation: { header: menuLinkTargets, footer: menuLinkTargets },
};

async function checkPublish(
  { strapi, layouts }: Checker,
  type: ContentTypeName,
  uid: string,
  documentId: string | undefined,
  locale: DocumentContext['params']['locale'],
): Promise<void> {
  if (!documentId) return;
  const locales = locale === '*' ? {} : { locale: Array.isArray(locale) ? { $in: locale } : singleLocale(locale) };
  const drafts: Entry[] = await query(strapi, uid).findMany({
    where: { documentId, publishedAt: null, ...locales },
    populate: POPULATE_FOR_PUBLISH[type],
  });
  const severalLocales = drafts.length > 1;
  const label = fieldLabels(layouts, type);
  const problems: FieldProblem[] = [];
  for (const draft of drafts) {
    const found = [
      ...publishProblems(layouts, type, draft),
      // The navigation has no page of its own, so no redirect can hide it.
      ...(type === 'navigation'
        ? []
        : await redirectOverPage(strapi, { type, locale: String(draft.locale), slug: draft.slug }, label)),
    ];
    problems.push(
      ...found.map((one) => (severalLocales ? { ...one, message: `(${draft.locale}) ${one.message}` } : one)),
    );
  }
  if (problems.length > 0) throw validationError(problems);
}

/** The locales a delete removes: all of them for '*', else the one asked for (the default locale if none). */
const deletedLocales = (locale: DocumentContext['params']['locale']): string[] | '*' =>
  locale === '*' ? '*' : Array.isArray(locale) ? locale : [singleLocale(locale)];

/** The documentId of what a create or update wrote (a single document), if any. */
const writtenDocumentId = (written: Written): string | undefined =>
  written !== null && typeof written === 'object' && 'documentId' in written && typeof written.documentId === 'string'
    ? written.documentId
    : undefined;

/** Publishes inside a transaction and checks the result, so a broken rule undoes the whole write. */
async function publishChecked(
  checker: Checker,
  type: ContentTypeName,
  context: DocumentContext,
  next: Next,
): Promise<Written> {
  // The transaction's type wraps the callback's promise once more; awaiting it unwraps both.
  return await checker.strapi.db.transaction(async () => {
    const result = await next();
    await checkPublish(
      checker,
      type,
      context.uid,
      writtenDocumentId(result) ?? context.params.documentId,
      context.params.locale,
    );
    return result;
  });
}

/** Staff redirects (redirect-checks.ts): checked and normalised on save, flattened after each write. */
async function redirectWrite({ strapi, layouts }: Checker, context: DocumentContext, next: Next): Promise<Written> {
  const { action, params } = context;
  const label = fieldLabels(layouts, 'redirect');
  const fail = (problems: FieldProblem[]) => {
    if (problems.length > 0) throw validationError(problems);
  };
  if (action !== 'findOne' && action !== 'findMany' && action !== 'findFirst' && action !== 'count') {
    fail(await readOnlyProblems(strapi, params, label));
  }
  if (action === 'create' || action === 'update') {
    const stored = params.documentId
      ? await query(strapi, REDIRECT_UID).findOne({ where: { documentId: params.documentId, publishedAt: null } })
      : null;
    fail(await checkRedirectSave(strapi, { ...stored, ...definedFields(params.data) }, params, label));
    const written = await next();
    const documentId = writtenDocumentId(written);
    if (documentId) await flattenDraftsPointingAt(strapi, { documentId });
    if (documentId && params.status === 'published') await flattenPublishedPointingAt(strapi, documentId);
    return written;
  }
  if (action === 'publish' && params.documentId) {
    fail(await checkRedirectPublish(strapi, params.documentId, label));
    const written = await next();
    await flattenPublishedPointingAt(strapi, params.documentId);
    return written;
  }
  return next();
}

export function validateDocuments(strapi: Strapi) {
  const checker: Checker = { strapi, layouts: readTypeLayouts(strapi.dirs.app.root) };
  return async (context: DocumentContext, next: Next): Promise<Written> => {
    if (context.uid === REDIRECT_UID) return redirectWrite(checker, context, next);
    const type = contentTypeOf(context.uid);
    if (!type) return next();
    if (context.action === 'create' || context.action === 'update') {
      await checkSave(checker, type, context);
      if (context.params.status === 'published') return publishChecked(checker, type, context, next);
    }
    if (context.action === 'publish')
      await checkPublish(checker, type, context.uid, context.params.documentId, context.params.locale);
    if (context.action === 'delete' && type === 'page')
      await refuseDeletingLinkedPage(strapi, context.params.documentId, deletedLocales(context.params.locale));
    return next();
  };
}
