import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  // Loopback by default: the demo and the tests never expose Strapi beyond this machine.
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind nginx, trust its X-Forwarded-* headers so the admin's cookies are marked secure and
  // client addresses are real; off by default, since a directly reachable Strapi must not.
  // PROXY_MAX_IPS_COUNT: how many X-Forwarded-For entries our own proxies add (nginx, then
  // HAProxy: 2); only those are trusted, so a client cannot forge the address rate limits count.
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('PROXY_MAX_IPS_COUNT', 0) },
  app: {
    keys: env.array('APP_KEYS'),
  },
  // Uploaded media live in PUBLIC_DIR/uploads, so each instance (demo, test) keeps its own.
  dirs: {
    public: env('PUBLIC_DIR', './public'),
  },
  webhooks: {
    populateRelations: false,
    // No defaultHeaders: they go to every webhook, including any staff add in the admin for third
    // parties. The rebuild secret is sent to the rebuild webhook only (src/bootstrap/webhook.ts).
  },
  // The site rebuild service (scripts/rebuild/): Strapi calls it on publish, unpublish, delete and
  // media changes. Without a URL no webhook is registered; in production a URL without a secret
  // of at least 32 characters stops Strapi at start.
  // The public site, whose published redirect map and path history the admin lists next to the
  // staff's own redirects (src/redirects/site-redirects.ts); without it that list stays empty.
  siteUrl: env('SITE_URL', ''),
  rebuildWebhook: {
    url: env('REBUILD_WEBHOOK_URL', ''),
    secret: env('REBUILD_WEBHOOK_SECRET', ''),
  },
});
