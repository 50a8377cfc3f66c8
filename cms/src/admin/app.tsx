/**
 * Admin panel customisation: the interface in Slovenian, next to English.
 *
 * Strapi ships no Slovenian admin translation. translations/sl.json is ours (flat Strapi keys,
 * plugin keys prefixed, e.g. "content-manager.…"); a key it lacks falls back to English.
 * Staff pick "Slovenščina" on the login page or under Profile › Interface language.
 * Strapi's list of selectable languages has no Slovenian entry: vite.config.ts adds it.
 */
import sl from './translations/sl.json';

export default {
  config: {
    locales: ['sl'],
    translations: { sl },
  },
};
