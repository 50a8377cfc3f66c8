import type { Core } from '@strapi/strapi';
import { operationLimitsPlugin, type OperationLimits } from '../src/graphql/operation-limits';
import { uploadConfig } from '../src/upload/provider-config';
import { emailPluginConfig } from '../src/registration/email-config';

// Strapi's fallbacks are unsafe: without defaultLimit a list silently stops at 10 items,
// without maxLimit one request can ask for the whole database. The site build pages
// through results with pageSize <= maxLimit, so 100 is both safe and efficient.
export const GRAPHQL_LIMITS: OperationLimits = {
  defaultLimit: 25,
  maxLimit: 100,
  // The site's queries stay well under it (tests/unit/graphql-limits.test.ts), while lists nested
  // in lists or hundreds of aliased lists go far over it.
  maxCost: 100_000,
  maxRootFields: 20,
};

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Media on the local disk, or in an S3-compatible bucket with UPLOAD_PROVIDER=s3 (src/upload/).
  upload: { config: uploadConfig() },
  // Registration mails over SMTP when SMTP_HOST is set (src/registration/email-config.ts).
  email: { config: emailPluginConfig(env) ?? {} },
  graphql: {
    config: {
      endpoint: '/graphql',
      shadowCRUD: true,
      defaultLimit: GRAPHQL_LIMITS.defaultLimit,
      maxLimit: GRAPHQL_LIMITS.maxLimit,
      // Our deepest legitimate query is entry -> relation -> media (about 6 levels with
      // connection wrappers); 10 leaves room while refusing pathological nesting.
      depthLimit: 10,
      landingPage: env('NODE_ENV') !== 'production',
      apolloServer: {
        // Introspection helps developers and costs nothing secret: the schema equals the
        // public content model in content-types/. It is off in production to shrink the surface.
        introspection: env('NODE_ENV') !== 'production',
        // Apollo refuses batched HTTP requests (a JSON array of operations) by default; this
        // refuses, before any resolver runs, pages larger than maxLimit and operations too large
        // to answer cheaply (src/graphql/operation-limits.ts). Strapi appends these plugins to its own.
        allowBatchedHttpRequests: false,
        plugins: [operationLimitsPlugin(GRAPHQL_LIMITS)],
      },
    },
  },
});
