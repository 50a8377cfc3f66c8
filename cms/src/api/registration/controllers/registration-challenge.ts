import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { issueChallenge } from '../../../registration-guard/proof-of-work';
import { readGuardSettings } from '../../../registration-guard/settings';

/** GET /api/registrations/challenge: a fresh ALTCHA challenge, never cached. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const settings = readGuardSettings(strapi);
  return {
    async issue(ctx: Context) {
      ctx.set('Cache-Control', 'no-store');
      if (!settings.secret) {
        ctx.status = 503;
        ctx.body = { error: 'unavailable' };
        return;
      }
      ctx.body = await issueChallenge(settings.secret, settings.powMaxNumber, new Date());
    },
  };
};
