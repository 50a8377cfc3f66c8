/**
 * The editorial rules of the four content types, as pure functions of an entry.
 *
 * - Save rules hold for every saved draft: a draft may be incomplete, never wrong.
 * - Publish rules hold for what readers see: the region of a dated workshop, an excerpt long
 *   enough for a meta description, alternative text in each language on covers, workshop images and logos.
 *
 * Each problem names its field with the label the editor sees, in Slovenian, then in English
 * after a slash for the developers and logs: "Konec: … / endsAt: …".
 */
import { imageTextFields, RESERVED_PAGE_SLUGS, SLUG_PATTERN } from '@koper-otok/content-types';
import { fieldLabels, type ContentTypeName, type TypeLayouts } from './labels';
import articleSchema from '../api/article/content-types/article/schema.json';

export interface FieldProblem {
  field: string;
  message: string;
}

export type Entry = Record<string, unknown>;
/** The editor's name of a field of the type being checked. */
export type Label = (field: string) => string;
type Rule = (entry: Entry, label: Label) => FieldProblem | FieldProblem[] | null;

/** The site uses the excerpt as the page's meta description: the model caps it at what search engines show. */
export const EXCERPT_MAX_LENGTH: number = articleSchema.attributes.excerpt.maxLength;

export const problem = (label: Label, field: string, sl: string, en: string): FieldProblem => ({
  field,
  message: `${label(field)}: ${sl} / ${field}: ${en}`,
});

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const characters = (text: string) => [...text.trim()].length;

/** An absolute http(s) URL of a public host, e.g. https://www.koper.si/ (no "www.koper.si", no "localhost"). */
export function isHttpUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.hostname.includes('.') &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

const ljubljanaTime = new Intl.DateTimeFormat('sl-SI', {
  timeZone: 'Europe/Ljubljana',
  dateStyle: 'medium',
  timeStyle: 'short',
});
const toTime = (value: unknown): number | null => {
  if (isBlank(value)) return null;
  const time = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isNaN(time) ? null : time;
};

// ---- save rules

const slugFormat: Rule = ({ slug }, label) =>
  isBlank(slug) || SLUG_PATTERN.test(String(slug))
    ? null
    : problem(
        label,
        'slug',
        'uporabite le male črke brez strešic (a–z), števke in po en vezaj med besedami, npr. delavnica-v-postojni.',
        'use lowercase letters a–z, digits and single hyphens between words, e.g. delavnica-v-postojni.',
      );

const endsNotBeforeStart: Rule = ({ startsAt, endsAt }, label) => {
  const start = toTime(startsAt);
  const end = toTime(endsAt);
  if (start === null || end === null || end >= start) return null;
  return problem(
    label,
    'endsAt',
    `delavnica se ne more končati pred začetkom (${label('startsAt')}: ${ljubljanaTime.format(start)}).`,
    'the workshop cannot end before it starts (startsAt).',
  );
};

const httpUrl =
  (field: string): Rule =>
  (entry, label) =>
    isBlank(entry[field]) || isHttpUrl(String(entry[field]).trim())
      ? null
      : problem(
          label,
          field,
          'vpišite celoten spletni naslov, ki se začne s https:// (ali http://), npr. https://www.koper.si/.',
          'must be a full http(s) URL, e.g. https://www.koper.si/.',
        );

const registrationUrlIsHttp = httpUrl('registrationUrl');
const websiteIsHttp = httpUrl('website');

const excerptNotTooLong: Rule = ({ excerpt }, label) => {
  if (typeof excerpt !== 'string' || characters(excerpt) <= EXCERPT_MAX_LENGTH) return null;
  return problem(
    label,
    'excerpt',
    `ima ${characters(excerpt)} znakov, dovoljenih je največ ${EXCERPT_MAX_LENGTH} (toliko pokažejo iskalniki).`,
    `has ${characters(excerpt)} characters; at most ${EXCERPT_MAX_LENGTH} (what search engines show).`,
  );
};

/** Pages live at the site's root, so a page slug must not take the place of a section (/novice/) or a language (/en/). */
const pageSlugNotReserved: Rule = ({ slug }, label) =>
  typeof slug !== 'string' || !RESERVED_PAGE_SLUGS.includes(slug)
    ? null
    : problem(
        label,
        'slug',
        `»${slug}« je naslov razdelka ali jezika spletnega mesta; izberite drugačnega. Zasedeni so: ${RESERVED_PAGE_SLUGS.join(', ')}.`,
        `"${slug}" is the address of a section or language of the site; reserved: ${RESERVED_PAGE_SLUGS.join(', ')}.`,
      );

/** The link lists of the navigation (its repeatable link components). */
export const MENU_LISTS = ['header', 'footer'] as const;
type MenuLink = { label?: unknown; page?: unknown; section?: unknown; url?: unknown };
const menuLinks = (entry: Entry, list: string): MenuLink[] =>
  Array.isArray(entry[list]) ? (entry[list] as MenuLink[]) : [];
const linkProblem = (label: Label, list: string, index: number, sl: string, en: string): FieldProblem => ({
  field: `${list}.${index}`,
  message: `${label(list)}, ${index + 1}. povezava: ${sl} / ${list}[${index}]: ${en}`,
});

/** A menu link to an external address needs a full http(s) URL. */
const menuUrlsAreHttp: Rule = (entry, label) =>
  MENU_LISTS.flatMap((list) =>
    menuLinks(entry, list).flatMap((link, i) =>
      isBlank(link.url) || isHttpUrl(String(link.url).trim())
        ? []
        : [
            linkProblem(
              label,
              list,
              i,
              'vpišite celoten spletni naslov, ki se začne s https:// (ali http://), npr. https://www.koper.si/.',
              'url must be a full http(s) URL.',
            ),
          ],
    ),
  );

/** Each published menu link goes to exactly one place, and a link to an external address says what it is. */
const menuLinksHaveOneTarget: Rule = (entry, label) =>
  MENU_LISTS.flatMap((list) =>
    menuLinks(entry, list).flatMap((link, i) => {
      const targets = [link.page, link.section, link.url].filter((target) => !isBlank(target)).length;
      if (targets === 0)
        return [linkProblem(label, list, i, 'izberite stran ali razdelek ali vpišite spletni naslov.', 'no target.')];
      if (targets > 1)
        return [
          linkProblem(
            label,
            list,
            i,
            'povezava lahko vodi le na eno mesto: izberite stran ali razdelek ali vpišite spletni naslov, ne več hkrati.',
            'more than one of page, section, url.',
          ),
        ];
      if (!isBlank(link.url) && isBlank(link.label))
        return [
          linkProblem(label, list, i, 'povezava na zunanji naslov potrebuje besedilo.', 'a url link needs a label.'),
        ];
      return [];
    }),
  );

// ---- publish rules

/** A workshop with a date appears in lists by region and in the calendar, so it needs one; planned ones without a date do not. */
const datedWorkshopHasRegion: Rule = ({ startsAt, region }, label) =>
  isBlank(startsAt) || !isBlank(region)
    ? null
    : problem(
        label,
        'region',
        'delavnica z datumom potrebuje regijo, preden jo objavite.',
        'a workshop with a date needs a region before it is published.',
      );

// A file name is not a description: "IMG_1234.jpg", "logo.png".
const looksLikeFileName = (text: string, fileName: unknown) =>
  /\.(jpe?g|png|gif|webp|avif|svg|tiff?|bmp|heic)$/i.test(text) ||
  (typeof fileName === 'string' && fileName.replace(/\.[^.]+$/, '') === text.replace(/\.[^.]+$/, ''));

/**
 * An image needs alternative text in the language being published: the entry's own field next to
 * the image (coverAlt, ...), or else the media library's text, which is the same in every language.
 */
const imageHasAltText =
  (field: string): Rule =>
  (entry, label) => {
    const image = entry[field] as { alternativeText?: unknown; name?: unknown } | null | undefined;
    if (!image) return null;
    const altField = imageTextFields(field).alt;
    const own = typeof entry[altField] === 'string' ? entry[altField].trim() : '';
    const altText = own || (typeof image.alternativeText === 'string' ? image.alternativeText.trim() : '');
    if (!altText) {
      return problem(
        label,
        altField,
        `izbrana slika (${label(field)}) nima nadomestnega besedila. Opišite, kaj prikazuje, v tem polju ali v polju »Nadomestno besedilo« v predstavnostni knjižnici.`,
        `the image (${field}) has no alternative text; write it here or in the Media Library.`,
      );
    }
    if (looksLikeFileName(altText, image.name)) {
      return problem(
        label,
        altField,
        `nadomestno besedilo slike je ime datoteke (»${altText}«). Opišite, kaj slika prikazuje.`,
        'the alternative text is a file name; describe the image.',
      );
    }
    return null;
  };

const coverHasAltText = imageHasAltText('cover');
const logoHasAltText = imageHasAltText('logo');
const workshopImageHasAltText = imageHasAltText('image');

const SAVE_RULES: Record<ContentTypeName, Rule[]> = {
  article: [slugFormat, excerptNotTooLong],
  workshop: [slugFormat, endsNotBeforeStart, registrationUrlIsHttp],
  region: [slugFormat],
  partner: [slugFormat, websiteIsHttp],
  page: [slugFormat, pageSlugNotReserved, excerptNotTooLong],
  navigation: [menuUrlsAreHttp],
};

const PUBLISH_RULES: Record<ContentTypeName, Rule[]> = {
  article: [coverHasAltText],
  workshop: [datedWorkshopHasRegion, workshopImageHasAltText],
  region: [],
  partner: [logoHasAltText],
  page: [],
  navigation: [menuLinksHaveOneTarget],
};

const apply = (rules: Rule[], label: Label, entry: Entry): FieldProblem[] =>
  rules.flatMap((rule) => rule(entry, label) ?? []);

/** Problems of a draft about to be saved (its stored fields merged with the new data). */
export const saveProblems = (layouts: TypeLayouts, type: ContentTypeName, entry: Entry): FieldProblem[] =>
  apply(SAVE_RULES[type], fieldLabels(layouts, type), entry);

/** Problems of a draft about to be published, with its relations and media loaded. */
export const publishProblems = (layouts: TypeLayouts, type: ContentTypeName, entry: Entry): FieldProblem[] =>
  apply(PUBLISH_RULES[type], fieldLabels(layouts, type), entry);

// ---- slug problems found with the database's help (cms/src/validation/document-middleware.ts)

export const slugTaken = (layouts: TypeLayouts, type: ContentTypeName, slug: string, locale: string): FieldProblem =>
  problem(
    fieldLabels(layouts, type),
    'slug',
    `»${slug}« že uporablja drug vnos v tem jeziku (${locale}); izberite drugačnega.`,
    `"${slug}" is already used by another entry in locale ${locale}.`,
  );

/** Why a page cannot be deleted: a menu links to it (the admin shows this in its notification). */
export const pageInMenu = (menuName: { sl: string; en: string }, places: string[]): string =>
  `Strani ni mogoče izbrisati, ker nanjo kaže meni »${menuName.sl}« (${places.join(', ')}). Najprej odstranite povezavo iz menija, nato izbrišite stran. / ` +
  `The page cannot be deleted: the menu "${menuName.en}" links to it (${places.join(', ')}). Remove the link from the menu first.`;

export const slugNotDerivable = (layouts: TypeLayouts, type: ContentTypeName, titleField: string): FieldProblem =>
  problem(
    fieldLabels(layouts, type),
    'slug',
    `iz polja »${fieldLabels(layouts, type)(titleField)}« ni mogoče sestaviti spletnega naslova; vpišite ga sami.`,
    `cannot be made from ${titleField}; enter one.`,
  );
