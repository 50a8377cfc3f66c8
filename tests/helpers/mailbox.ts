/** The tests' mailbox: every message the mail catcher (scripts/lib/mail-catcher.ts) receives, kept. */
import type { ParsedMail } from 'mailparser';
import { recipientsOf, startMailCatcher } from '../../scripts/lib/mail-catcher.ts';

export interface Mailbox {
  port: number;
  /** The environment that sends Strapi's mail (cms/config/plugins.ts) here. */
  env: Record<'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'EMAIL_FROM', string>;
  /** Every message so far, with the time it arrived. */
  messages: { mail: ParsedMail; receivedAt: number }[];
  /** The first message to `to` (after `skip` earlier ones to that address), waiting for it up to `timeoutMs`. */
  next(to: string, skip?: number, timeoutMs?: number): Promise<{ mail: ParsedMail; receivedAt: number }>;
  /** How many messages went to `to`. */
  count(to: string): number;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const messages: Mailbox['messages'] = [];
  const catcher = await startMailCatcher((mail) => messages.push({ mail, receivedAt: Date.now() }));
  const to = (address: string) => messages.filter((m) => recipientsOf(m.mail).includes(address.toLowerCase()));
  return {
    port: catcher.port,
    env: {
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(catcher.port),
      SMTP_SECURE: 'false',
      EMAIL_FROM: 'Zavod Koper Otok <prijave@koper-otok.test>',
    },
    messages,
    count: (address) => to(address).length,
    async next(address, skip = 0, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = to(address)[skip];
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no mail #${skip + 1} to ${address} within ${timeoutMs} ms`);
    },
    close: () => catcher.close(),
  };
}

/** The links a registration mail carries, by what they do. */
export function linksOf(text: string): { confirm?: string; cancel: string } {
  const links = text.match(/https?:\/\/\S+\/api\/registrations\/(?:confirm|cancel)\?token=[\w-]+/g) ?? [];
  const cancel = links.find((link) => link.includes('/cancel?'));
  if (!cancel) throw new Error(`no cancel link in: ${text}`);
  return { confirm: links.find((link) => link.includes('/confirm?')), cancel };
}
