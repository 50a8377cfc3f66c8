/**
 * Admin panel customisation: the interface in Slovenian, next to English.
 *
 * Strapi ships no Slovenian admin translation. translations/sl.json is ours (flat Strapi keys,
 * plugin keys prefixed, e.g. "content-manager.…"); a key it lacks falls back to English.
 * Staff pick "Slovenščina" on the login page or under Profile › Interface language.
 * Strapi's list of selectable languages has no Slovenian entry: vite.config.ts adds it.
 */
import type { StrapiApp } from '@strapi/admin/strapi-admin';
import sl from './translations/sl.json';
// Our own strings (not Strapi's) in English; sl.json translates them too.
import en from './translations/en.json';
import { RevisionsPanel } from './revisions/RevisionsPanel';

export default {
  config: {
    locales: ['sl'],
    translations: { sl, en },
  },
  bootstrap(app: Pick<StrapiApp, 'getPlugin'>) {
    // Versions of the entry being edited, with compare and restore (cms/src/revisions/).
    const { apis } = app.getPlugin('content-manager');
    if (typeof apis.addEditViewSidePanel !== 'function')
      throw new Error('Strapi no longer offers addEditViewSidePanel: update cms/src/admin/revisions/');
    apis.addEditViewSidePanel([RevisionsPanel]);
  },
};
