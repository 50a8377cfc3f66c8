import type { Core } from '@strapi/strapi';

// Scheduled publishing (src/scheduling/): how often each instance runs due actions.
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  tickSeconds: env.float('SCHEDULER_TICK_SECONDS', 30),
});
