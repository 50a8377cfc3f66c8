/**
 * A page the menu links to cannot be deleted: the link would silently vanish from the site's
 * header or footer. The refusal names the menu and where the link is, so staff know what to
 * change first. Both the draft and the published menu count, in every language being deleted.
 */
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { MENU_LISTS, pageInMenu } from './rules';
import { isContentTypeUid } from '../utils/strapi-uids';

export const NAVIGATION_UID = 'api::navigation.navigation';

/** The menu's name as staff see it in the admin's Content Manager (sl.json translates the type's name). */
const MENU_NAME = { sl: 'Meni', en: 'Navigation' };
const LIST_NAMES: Record<(typeof MENU_LISTS)[number], string> = { header: 'glava / header', footer: 'noga / footer' };

interface MenuRow {
  locale: string;
  publishedAt: string | null;
  header?: { page?: { documentId: string; locale: string } | null }[];
  footer?: { page?: { documentId: string; locale: string } | null }[];
}

/** Where the menus link to the page: "glava / header, sl". Only the locales being deleted count. */
export async function menuPlacesOf(
  strapi: Core.Strapi,
  documentId: string,
  locales: string[] | '*',
): Promise<string[]> {
  if (!isContentTypeUid(strapi, NAVIGATION_UID)) return [];
  const menus: MenuRow[] = await strapi.db.query(NAVIGATION_UID).findMany({
    select: ['locale', 'publishedAt'],
    populate: Object.fromEntries(
      MENU_LISTS.map((list) => [list, { populate: { page: { select: ['documentId', 'locale'] } } }]),
    ),
  });
  const places = new Set<string>();
  for (const menu of menus) {
    for (const list of MENU_LISTS) {
      const linked = (menu[list] ?? []).some(
        (link) => link.page?.documentId === documentId && (locales === '*' || locales.includes(link.page.locale)),
      );
      if (linked) places.add(`${LIST_NAMES[list]}, ${menu.locale}`);
    }
  }
  return [...places].sort();
}

/** Throws Strapi's ApplicationError (HTTP 400, shown in the admin's notification) when a menu links to the page. */
export async function refuseDeletingLinkedPage(
  strapi: Core.Strapi,
  documentId: string | undefined,
  locales: string[] | '*',
): Promise<void> {
  if (!documentId) return;
  const places = await menuPlacesOf(strapi, documentId, locales);
  if (places.length > 0)
    throw new errors.ApplicationError(pageInMenu(MENU_NAME, places), { menu: MENU_NAME.en, places });
}
