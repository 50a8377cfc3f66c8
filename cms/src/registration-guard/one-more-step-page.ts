/**
 * The "one more step" page for a form posted without JavaScript: the submitted fields again as
 * hidden inputs, plus the ticket, and one button that posts them. The form has no action, so it
 * posts to the address this page was answered from, whatever proxy path led there. Every value
 * is HTML-escaped: they are the visitor's (or a bot's) own input.
 */
import type { Submission } from './submission-fields';

const TEXT = {
  sl: {
    title: 'Še en korak',
    lead: 'Preverite podatke in potrdite prijavo. Nato vam pošljemo e-pošto s povezavo za potrditev.',
    name: 'Ime in priimek',
    email: 'E-pošta',
    button: 'Potrdi prijavo',
    early: 'Potrdili ste hitreje, kot smo pričakovali. Počakajte nekaj sekund in znova kliknite »Potrdi prijavo«.',
  },
  en: {
    title: 'One more step',
    lead: 'Check your details and confirm your registration. We will then send you an e-mail with a link to confirm it.',
    name: 'Name',
    email: 'E-mail',
    button: 'Confirm registration',
    early: 'That was quicker than we expected. Please wait a few seconds and click “Confirm registration” again.',
  },
};

/** The fields the page posts again; the honeypot and any proof are left behind. */
const REPEATED_FIELDS = ['workshop', 'language', 'name', 'email', 'organisation', 'role', 'consent'] as const;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ESCAPES[character]);

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;

/** `early`: the page is shown again because its button was clicked before the ticket's minimum age. */
export function oneMoreStepPage(language: 'sl' | 'en', submission: Submission, ticket: string, early = false): string {
  const text = TEXT[language];
  const inputs = [...REPEATED_FIELDS.map((name) => hidden(name, submission[name])), hidden('ticket', ticket)];
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${text.title}</title>
</head>
<body>
<main>
<h1>${text.title}</h1>
${early ? `<p role="status"><strong>${text.early}</strong></p>\n` : ''}<p>${text.lead}</p>
<dl>
<dt>${text.name}</dt><dd>${escapeHtml(submission.name)}</dd>
<dt>${text.email}</dt><dd>${escapeHtml(submission.email)}</dd>
</dl>
<form method="post">
${inputs.join('\n')}
<button type="submit">${text.button}</button>
</form>
</main>
</body>
</html>
`;
}
