/**
 * The local demo's outgoing mail: without a mail server of its own, Strapi sends the workshop
 * registration mails to a mail catcher on 127.0.0.1, which saves each one as an HTML file in
 * `dir` and prints whom it is for and its links, so a newcomer can try a registration end to end.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { recipientsOf, startMailCatcher, type MailCatcher } from './mail-catcher.ts';

const LINK = /https?:\/\/\S+\/api\/registrations\/\w+\?token=[\w-]+/g;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The message as a page to open in a browser: its HTML part, else its text. */
const asPage = (mail: ParsedMail) =>
  typeof mail.html === 'string' ? mail.html : `<pre>${escapeHtml(mail.text ?? '')}</pre>`;

export async function startDemoMailbox(dir: string, log: (line: string) => void): Promise<MailCatcher> {
  let count = 0;
  return startMailCatcher((mail) => {
    count += 1;
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${count}.html`);
    writeFileSync(file, asPage(mail));
    const links = [...new Set(mail.text?.match(LINK) ?? [])];
    log(
      `mail: "${mail.subject ?? ''}" to ${recipientsOf(mail).join(', ')}, saved as ${path.relative(process.cwd(), file)}` +
        links.map((link) => `\n      ${link}`).join(''),
    );
  });
}
