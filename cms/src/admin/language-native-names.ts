/**
 * Strapi's list of admin interface languages plus Slovenian.
 *
 * The admin offers only the languages named in this list (StrapiApp.render picks
 * config.locales from it), and Strapi's list has no "sl", so config.locales: ['sl'] alone
 * would never be selectable. vite.config.ts makes Strapi's admin import this module instead of
 * its own list (one of the patches listed in src/patches/README.md).
 */
import { languageNativeNames as strapiLanguageNames } from 'strapi-admin-language-native-names';

export const languageNativeNames: Record<string, string> = { ...strapiLanguageNames, sl: 'Slovenščina' };
