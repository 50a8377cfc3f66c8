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
// Our own strings (not Strapi's) in English; sl.json translates them too.
import en from './translations/en.json';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { RevisionsPanel } from './revisions/RevisionsPanel';
import { registerScheduling, SchedulePanel } from './scheduling';
import { registerRegistrations } from './registrations';
import { SeoLengthPanel } from './seo/SeoLengthPanel';

interface SidePanels {
  addEditViewSidePanel(panels: PanelComponent[]): void;
}

// Strapi types a plugin's apis as unknown values; the Content Manager's has this function.
const hasSidePanels = (apis: Record<string, unknown>): apis is Record<string, unknown> & SidePanels =>
  typeof apis.addEditViewSidePanel === 'function';

export default {
  config: {
    locales: ['sl'],
    translations: { sl, en },
  },
  register(app: StrapiApp) {
    registerScheduling(app); // "Načrtovane objave" in the main menu
    registerRegistrations(app); // "Prijave na delavnice" in the main menu
  },
  bootstrap(app: StrapiApp) {
    // The edit view's side panels, once the Content Manager has registered: scheduled publishing
    // (cms/src/scheduling/), the SEO texts' lengths, and versions with compare and restore
    // (cms/src/revisions/).
    const { apis } = app.getPlugin('content-manager');
    if (!hasSidePanels(apis)) throw new Error('The Content Manager no longer offers addEditViewSidePanel');
    apis.addEditViewSidePanel([SchedulePanel, SeoLengthPanel, RevisionsPanel]);
  },
};
