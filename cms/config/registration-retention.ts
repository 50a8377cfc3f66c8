import type { Core } from '@strapi/strapi';

// Personal data of registrations is cleared this many days after their workshop ended
// (src/registration-retention/, docs/security.md).
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  days: env.int('REGISTRATION_RETENTION_DAYS', 90),
  // How often each instance asks whether today's run is still to do; one instance does it.
  checkSeconds: env.float('REGISTRATION_RETENTION_CHECK_SECONDS', 3600),
});
