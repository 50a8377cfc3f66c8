/**
 * Strapi's list of admin interface languages plus Slovenian.
 *
 * The admin offers only the languages named in this list (StrapiApp.render picks
 * config.locales from it), and Strapi 5.54's list has no "sl", so config.locales: ['sl'] alone
 * would never be selectable (strapi/strapi PR #23991 is still open). vite.config.ts makes
 * Strapi's admin import this module instead of its own list.
 */
import { languageNativeNames as strapiLanguageNames } from 'strapi-admin-language-native-names';

export const languageNativeNames: Record<string, string> = { ...strapiLanguageNames, sl: 'Slovenščina' };
