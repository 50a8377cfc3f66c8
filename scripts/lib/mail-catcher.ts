/**
 * A real SMTP server on 127.0.0.1 (smtp-server, from the nodemailer project) that hands every
 * message it receives, parsed by mailparser, to `onMail`: what a visitor's mail client would see.
 * The local demo keeps its registration mails this way (scripts/start.ts), the tests read theirs.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailCatcher {
  port: number;
  close(): Promise<void>;
}

export async function startMailCatcher(onMail: (mail: ParsedMail) => void): Promise<MailCatcher> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          onMail(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    // Closing twice (a test stopped it, then the suite's cleanup) is fine.
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The addresses a message went to, lower-cased. */
export const recipientsOf = (mail: ParsedMail): string[] =>
  [mail.to ?? []].flat().flatMap((group) => group.value.map((address) => address.address?.toLowerCase() ?? ''));
