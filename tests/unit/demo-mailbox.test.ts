/**
 * The local demo's mailbox (scripts/lib/demo-mailbox.ts): a real SMTP exchange on 127.0.0.1, the
 * mail saved as a page to open and its registration links printed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoMailbox } from '../../scripts/lib/demo-mailbox.ts';

/** Sends one message the way a mail client does, a command at a time, each after the server's answer. */
async function sendMail(port: number, to: string, message: string): Promise<void> {
  const socket = createConnection(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffered = '';
  const answer = () =>
    new Promise<string>((resolve, reject) => {
      const take = () => {
        const line = /^(\d{3}) .*\r\n/m.exec(buffered);
        if (!line) return void socket.once('data', (chunk: string) => ((buffered += chunk), take()));
        buffered = buffered.slice(line.index + line[0].length);
        if (line[1].startsWith('4') || line[1].startsWith('5')) reject(new Error(line[0]));
        else resolve(line[1]);
      };
      take();
    });
  await answer();
  for (const command of ['EHLO test', 'MAIL FROM:<prijave@koper-otok.test>', `RCPT TO:<${to}>`, 'DATA']) {
    socket.write(`${command}\r\n`);
    await answer();
  }
  socket.write(`${message.replace(/\n/g, '\r\n')}\r\n.\r\n`);
  await answer();
  socket.end('QUIT\r\n');
}

describe('the demo mailbox', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('saves each mail as a page and prints whom it is for with its registration links', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'demo-mail-'));
    dirs.push(dir);
    const lines: string[] = [];
    const mailbox = await startDemoMailbox(dir, (line) => lines.push(line));
    try {
      const confirm = 'http://127.0.0.1:1337/api/registrations/confirm?token=abc-123';
      await sendMail(
        mailbox.port,
        'ana@example.com',
        [
          'From: prijave@koper-otok.test',
          'To: ana@example.com',
          'Subject: Potrdite prijavo',
          'Content-Type: text/plain; charset=utf-8',
          '',
          `Potrdite prijavo: ${confirm}`,
        ].join('\n'),
      );
      await expect.poll(() => lines.length, { timeout: 10_000 }).toBe(1);
      expect(lines[0]).toContain('"Potrdite prijavo" to ana@example.com');
      expect(lines[0]).toContain(confirm);
      const [saved] = readdirSync(dir);
      expect(readFileSync(path.join(dir, saved), 'utf8')).toContain(confirm);
    } finally {
      await mailbox.close();
    }
  });
});
