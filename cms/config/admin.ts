import type { Core } from '@strapi/strapi';
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  auth: {
    secret: env('ADMIN_JWT_SECRET'),
  },
  apiToken: {
    salt: env('API_TOKEN_SALT'),
  },
  transfer: {
    token: {
      salt: env('TRANSFER_TOKEN_SALT'),
    },
  },
  secrets: {
    encryptionKey: env('ENCRYPTION_KEY'),
  },
  // Draft preview: "Open preview" in the Content Manager shows the entry as the site will,
  // rendered by the preview server (site/, SITE_MODE=preview) from draft content. The link
  // carries PREVIEW_SECRET; the preview server turns it into a session and resolves the page.
  preview: {
    enabled: Boolean(env('PREVIEW_URL')),
    config: {
      allowedOrigins: [env('PREVIEW_URL', '')].filter(Boolean),
      async handler(uid: string, { documentId, locale }: { documentId: string; locale?: string }) {
        if (!uid.startsWith('api::')) return null;
        const query = new URLSearchParams({
          type: uid.split('.').pop() ?? '',
          documentId,
          locale: locale ?? 'sl',
          secret: env('PREVIEW_SECRET', ''),
        });
        return `${env('PREVIEW_URL')}/preview/?${query}`;
      },
    },
  },
  // Tests and headless servers run without the admin bundle (SERVE_ADMIN=false).
  serveAdminPanel: env.bool('SERVE_ADMIN', true),
  flags: {
    nps: false,
    promoteEE: false,
  },
});
