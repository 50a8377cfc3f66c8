import type { Core } from '@strapi/strapi';

type Env = Core.Config.Shared.ConfigParams['env'];

/**
 * The email plugin's settings for registration mails: SMTP through Strapi's nodemailer provider,
 * from SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER, SMTP_PASSWORD, EMAIL_FROM and EMAIL_REPLY_TO.
 * Undefined without SMTP_HOST: Strapi's default stays, and registrations answer "unavailable"
 * (src/registration/mailer.ts) rather than accept sign-ups whose mails go nowhere.
 */
export function emailPluginConfig(env: Env) {
  const host = env('SMTP_HOST', '');
  if (!host) return undefined;
  const user = env('SMTP_USER', '');
  const from = env('EMAIL_FROM', 'Zavod Koper Otok <no-reply@koper-otok.si>');
  return {
    provider: 'nodemailer',
    providerOptions: {
      host,
      port: env.int('SMTP_PORT', 587),
      // true: TLS from the first byte (port 465); false: STARTTLS when the server offers it.
      secure: env.bool('SMTP_SECURE', false),
      ...(user ? { auth: { user, pass: env('SMTP_PASSWORD', '') } } : {}),
    },
    settings: { defaultFrom: from, defaultReplyTo: env('EMAIL_REPLY_TO', from) },
  };
}
