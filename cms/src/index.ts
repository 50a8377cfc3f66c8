import type { Core } from '@strapi/strapi';
import { refuseDraftsOverGraphql } from './bootstrap/graphql-drafts';
import { refuseVisitorAccountsOverGraphql } from './bootstrap/graphql-accounts';
import { assertProductionSecrets } from './bootstrap/production-guard';
import { ensureLocales } from './bootstrap/locales';
import { grantPublicRead } from './bootstrap/public-permissions';
import { ensureAdminUser } from './bootstrap/admin-user';
import { ensureBuildToken } from './bootstrap/build-token';
import { seedDemo } from './bootstrap/seed-demo';
import { ensureEditorialAdmin, registerEditorialRules } from './bootstrap/editorial-admin';
import { ensureRebuildWebhook } from './bootstrap/webhook';
import { apiContentTypeUids } from './bootstrap/content-types';
import { batchRelationLoads } from './graphql/batched-relation-loads';
import { registerSiteExport } from './graphql/site-export';
import { keepUnguardedFieldsSynchronous } from './graphql/unguarded-field-resolvers';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    refuseDraftsOverGraphql(strapi);
    registerEditorialRules(strapi);
    refuseVisitorAccountsOverGraphql(strapi);
    registerSiteExport(strapi);
    if (!keepUnguardedFieldsSynchronous(strapi.dirs.app.root)) {
      strapi.log.warn(
        'GraphQL: this Strapi keeps wrapResolvers elsewhere; every field stays wrapped (slower, same answers).',
      );
    }
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    batchRelationLoads(strapi, apiContentTypeUids(strapi));
    await assertProductionSecrets(strapi);
    await ensureLocales(strapi);
    await grantPublicRead(strapi);
    await ensureAdminUser(strapi);
    await ensureEditorialAdmin(strapi);
    await ensureBuildToken(strapi);
    await seedDemo(strapi);
    await ensureRebuildWebhook(strapi); // last, so seeding a fresh database sends no webhooks
  },
};
