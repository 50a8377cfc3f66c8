/**
 * A real SMTP server (smtp-server, from the nodemailer project) on 127.0.0.1 and a free port that
 * keeps every message it receives, for tests of Strapi's registration mails.
 */
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../scripts/lib/net.ts';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export interface SmtpInbox {
  /** Strapi's settings for it (cms/src/registration/email-config.ts). */
  env: NodeJS.ProcessEnv;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        done();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_SECURE: 'false' },
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
