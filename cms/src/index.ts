import type { Core } from '@strapi/strapi';
import { refuseDraftsOverGraphql } from './bootstrap/graphql-drafts';
import { refuseVisitorAccountsOverGraphql } from './bootstrap/graphql-accounts';
import { assertNoDemoPasswordAccounts, assertProductionEnvironment } from './bootstrap/production-guard';
import { ensureLocales } from './bootstrap/locales';
import { grantPublicRead } from './bootstrap/public-permissions';
import { ensureAdminUser } from './bootstrap/admin-user';
import { ensureBuildToken } from './bootstrap/build-token';
import { seedDemo } from './bootstrap/seed-demo';
import { ensureEditorialAdmin, registerEditorialRules } from './bootstrap/editorial-admin';
import { ensureRebuildWebhook } from './bootstrap/webhook';
import { registerSiteExport } from './graphql/site-export';
import { hidePrivateTypesFromGraphql } from './graphql/private-types';
import { reportRegistrationMail } from './registration';
import { registerRevisions } from './revisions';
import { installDatabasePatches, installPatches } from './patches';
import { acquireStartupLock, releaseStartupLock } from './cluster/startup-lock';
import { stopWebhookSync, syncWebhooksAcrossInstances } from './cluster/webhook-sync';
import { registerScheduling, startScheduling, stopScheduling } from './scheduling';
import { registerRegistrationAdmin } from './registration-admin';
import { startSiteRedirectsMirror, stopSiteRedirectsMirror } from './redirects/site-redirects';
import { checkRegistrationGuardSettings, registerRegistrationGuard } from './registration-guard';
import {
  registerRegistrationRetention,
  startRegistrationRetention,
  stopRegistrationRetention,
} from './registration-retention';

export default {
  async register({ strapi }: { strapi: Core.Strapi }) {
    // Strapi awaits this before it syncs the schema, so the lock covers the whole start-up.
    await acquireStartupLock(strapi);
    installPatches(strapi); // changes to Strapi's internals: src/patches/README.md
    refuseDraftsOverGraphql(strapi);
    registerEditorialRules(strapi);
    refuseVisitorAccountsOverGraphql(strapi);
    registerSiteExport(strapi);
    hidePrivateTypesFromGraphql(strapi);
    await registerRevisions(strapi); // after the editorial rules, so a save they refuse keeps no version
    registerScheduling(strapi);
    registerRegistrationGuard(strapi); // the registration form's rate limits and used proofs
    registerRegistrationRetention(strapi);
    await registerRegistrationAdmin(strapi); // the staff's registrations page and its permissions
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    installDatabasePatches(strapi);
    await assertProductionEnvironment(strapi); // before an administrator is created from it
    checkRegistrationGuardSettings(strapi);
    await ensureLocales(strapi);
    await grantPublicRead(strapi);
    await ensureAdminUser(strapi);
    await ensureEditorialAdmin(strapi);
    await assertNoDemoPasswordAccounts(strapi); // once every account exists; Strapi serves nothing before bootstrap ends
    await ensureBuildToken(strapi);
    await seedDemo(strapi);
    await ensureRebuildWebhook(strapi); // last, so seeding a fresh database sends no webhooks
    await syncWebhooksAcrossInstances(strapi); // webhooks edited in the admin reach every instance
    startScheduling(strapi); // after the webhook, so scheduled publications rebuild the site
    startRegistrationRetention(strapi); // personal data of past workshops' registrations cleared, once a day
    startSiteRedirectsMirror(strapi); // the import's and changed slugs' redirects, for staff to see
    reportRegistrationMail(strapi);
    // Another instance may start now; a failed start-up releases it by exiting (or in destroy).
    await releaseStartupLock(strapi);
  },

  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await stopScheduling(strapi); // first: an action in progress still needs the database
    await stopRegistrationRetention(strapi);
    await releaseStartupLock(strapi);
    await stopWebhookSync(strapi);
    stopSiteRedirectsMirror();
  },
};
