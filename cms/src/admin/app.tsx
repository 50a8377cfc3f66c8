/**
 * Admin panel customisation: the interface in Slovenian, next to English.
 *
 * Strapi ships no Slovenian admin translation. translations/sl.json is ours (flat Strapi keys,
 * plugin keys prefixed, e.g. "content-manager.…"); a key it lacks falls back to English.
 * Staff pick "Slovenščina" on the login page or under Profile › Interface language.
 * Strapi's list of selectable languages has no Slovenian entry: vite.config.ts adds it.
 */
import type { StrapiApp } from '@strapi/strapi/admin';
import sl from './translations/sl.json';
import { bootstrapScheduling, registerScheduling } from './scheduling';

export default {
  config: {
    locales: ['sl'],
    translations: { sl },
  },
  register(app: StrapiApp) {
    registerScheduling(app); // "Načrtovane objave" in the main menu
  },
  bootstrap(app: StrapiApp) {
    bootstrapScheduling(app); // the "Načrtovana objava" panel of the edit view
  },
};
