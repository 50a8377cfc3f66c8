import type { Core } from '@strapi/strapi';

// Workshop registrations (src/registration/): where the links in the e-mails point. Without
// REGISTRATION_PUBLIC_URL they point at the CMS's own address (PUBLIC_URL, or host and port).
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  publicUrl: env('REGISTRATION_PUBLIC_URL', ''),
});
