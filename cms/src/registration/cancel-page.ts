import type { Locale } from '@koper-otok/content-types';
import { escapeHtml } from './html';

export interface CancelPageDetails {
  language: Locale;
  token: string;
  workshopTitle: string;
  when: string | null;
}

const WORDS: Record<Locale, { title: string; intro: string; erase: string; submit: string }> = {
  sl: {
    title: 'Odjava od delavnice',
    intro: 'Ali se želite odjaviti od delavnice',
    erase: 'Izbrišite tudi moje podatke (ime, e-poštni naslov, organizacijo in vlogo).',
    submit: 'Odjavi me',
  },
  en: {
    title: 'Cancel your registration',
    intro: 'Do you want to cancel your registration for the workshop',
    erase: 'Also delete my data (name, e-mail address, organisation and role).',
    submit: 'Cancel my registration',
  },
};

/**
 * The page a cancel link opens: a form that cancels only when the visitor submits it, so a mail
 * scanner following links cancels nothing. Plain HTML without scripts; every value escaped.
 */
export function cancelPageHtml(details: CancelPageDetails): string {
  const words = WORDS[details.language];
  const what = escapeHtml(details.workshopTitle) + (details.when ? ` (${escapeHtml(details.when)})` : '');
  return `<!DOCTYPE html>
<html lang="${details.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${words.title}</title></head>
<body>
<main>
<h1>${words.title}</h1>
<p>${words.intro} »${what}«?</p>
<form method="post" action="cancel">
<input type="hidden" name="token" value="${escapeHtml(details.token)}">
<p><label><input type="checkbox" name="erase" value="yes"> ${words.erase}</label></p>
<p><button type="submit">${words.submit}</button></p>
</form>
</main>
</body>
</html>
`;
}
