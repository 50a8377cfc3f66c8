/**
 * A real SMTP server on 127.0.0.1 (smtp-server, from the nodemailer project) that keeps every
 * message it receives, parsed by mailparser: what a visitor's mail client would see.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Mailbox {
  port: number;
  /** Every message so far, with the time it arrived. */
  messages: { mail: ParsedMail; receivedAt: number }[];
  /** The first message to `to` (after `skip` earlier ones to that address), waiting for it up to `timeoutMs`. */
  next(to: string, skip?: number, timeoutMs?: number): Promise<{ mail: ParsedMail; receivedAt: number }>;
  /** How many messages went to `to`. */
  count(to: string): number;
  close(): Promise<void>;
}

const recipients = (mail: ParsedMail): string[] =>
  [mail.to ?? []].flat().flatMap((group) => group.value.map((address) => address.address?.toLowerCase() ?? ''));

export async function startMailbox(): Promise<Mailbox> {
  const messages: Mailbox['messages'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push({ mail, receivedAt: Date.now() });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const to = (address: string) => messages.filter((m) => recipients(m.mail).includes(address.toLowerCase()));
  return {
    port: (server.server.address() as AddressInfo).port,
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
    // Closing twice (a test stopped it, then the suite's cleanup) is fine.
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
