import type { Locale } from '@koper-otok/content-types';
import { escapeHtml } from './html';

/** The mails a registration sends, each in the visitor's language. */
export type MailKind = 'confirm-request' | 'confirmed' | 'waiting' | 'moved-up' | 'cancelled';

export interface MailDetails {
  kind: MailKind;
  language: Locale;
  name: string;
  workshopTitle: string;
  /** When and where, already formatted in the visitor's language ("5. junij 2017 ob 10.00, Jesenice"). */
  when: string | null;
  where: string | null;
  /** The workshop's page on the site, when the site's address is known. */
  workshopUrl: string | null;
  cancelUrl: string;
  /** Only in the confirmation request. */
  confirmUrl?: string;
  confirmHours?: number;
}

export interface MailText {
  subject: string;
  text: string;
  html: string;
}

interface Wording {
  subject: (title: string) => string;
  /** The paragraphs of the body; a link is written as {confirm}. */
  paragraphs: (details: MailDetails) => string[];
}

const WORDING: Record<Locale, Record<MailKind, Wording>> = {
  sl: {
    'confirm-request': {
      subject: (title) => `Potrdite prijavo: ${title}`,
      paragraphs: (d) => [
        `Prejeli smo vašo prijavo na delavnico »${d.workshopTitle}«. Potrdite jo s klikom na to povezavo v ${d.confirmHours} urah:`,
        '{confirm}',
        'Mesto je vaše, ko odprete povezavo, če je še kakšno prosto; sicer vas uvrstimo na čakalno listo. Če se niste prijavili vi, to sporočilo prezrite.',
      ],
    },
    confirmed: {
      subject: (title) => `Prijava potrjena: ${title}`,
      paragraphs: (d) => [
        `Vaša prijava na delavnico »${d.workshopTitle}« je potrjena. Vidimo se!`,
        'Dogodek za vaš koledar je v priponki.',
      ],
    },
    waiting: {
      subject: (title) => `Na čakalni listi: ${title}`,
      paragraphs: (d) => [
        `Vsa mesta na delavnici »${d.workshopTitle}« so zasedena, zato smo vas uvrstili na čakalno listo.`,
        'Ko se mesto sprosti, ga dobite po vrstnem redu prijav in vam takoj pišemo.',
      ],
    },
    'moved-up': {
      subject: (title) => `Sprostilo se je mesto: ${title}`,
      paragraphs: (d) => [
        `Na delavnici »${d.workshopTitle}« se je sprostilo mesto in zdaj je vaše: vaša prijava je potrjena.`,
        'Dogodek za vaš koledar je v priponki.',
      ],
    },
    cancelled: {
      subject: (title) => `Prijava odjavljena: ${title}`,
      paragraphs: (d) => [`Vaša prijava na delavnico »${d.workshopTitle}« je odjavljena.`],
    },
  },
  en: {
    'confirm-request': {
      subject: (title) => `Confirm your registration: ${title}`,
      paragraphs: (d) => [
        `We have received your registration for the workshop “${d.workshopTitle}”. Please confirm it with this link within ${d.confirmHours} hours:`,
        '{confirm}',
        'The place is yours when you open the link, if any are left; otherwise you join the waiting list. If you did not register, ignore this message.',
      ],
    },
    confirmed: {
      subject: (title) => `Registration confirmed: ${title}`,
      paragraphs: (d) => [
        `Your registration for the workshop “${d.workshopTitle}” is confirmed. See you there!`,
        'The event for your calendar is attached.',
      ],
    },
    waiting: {
      subject: (title) => `On the waiting list: ${title}`,
      paragraphs: (d) => [
        `All places of the workshop “${d.workshopTitle}” are taken, so you are on the waiting list.`,
        'When a place frees up, it goes to the first on the list, and we write to you at once.',
      ],
    },
    'moved-up': {
      subject: (title) => `A place is free: ${title}`,
      paragraphs: (d) => [
        `A place of the workshop “${d.workshopTitle}” has freed up and it is yours: your registration is confirmed.`,
        'The event for your calendar is attached.',
      ],
    },
    cancelled: {
      subject: (title) => `Registration cancelled: ${title}`,
      paragraphs: (d) => [`Your registration for the workshop “${d.workshopTitle}” is cancelled.`],
    },
  },
};

const COMMON: Record<
  Locale,
  { greeting: (name: string) => string; when: string; where: string; page: string; cancel: string; signature: string }
> = {
  sl: {
    greeting: (name) => `Pozdravljeni, ${name}!`,
    when: 'Kdaj',
    where: 'Kje',
    page: 'Delavnica na spletu',
    cancel: 'Če ne morete priti, se odjavite tukaj (mesto dobi naslednji na čakalni listi):',
    signature: 'Zavod Koper Otok',
  },
  en: {
    greeting: (name) => `Hello ${name},`,
    when: 'When',
    where: 'Where',
    page: 'The workshop online',
    cancel: 'If you cannot come, cancel here (your place goes to the next on the waiting list):',
    signature: 'Zavod Koper Otok',
  },
};

const htmlLink = (url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;

/** The body as blocks: paragraphs of text, or a link on its own line. */
function blocks(details: MailDetails): ({ text: string } | { link: string })[] {
  const common = COMMON[details.language];
  const facts = [
    details.when && `${common.when}: ${details.when}`,
    details.where && `${common.where}: ${details.where}`,
    details.workshopUrl && `${common.page}: ${details.workshopUrl}`,
  ].filter((line): line is string => Boolean(line));
  const paragraphs = WORDING[details.language][details.kind].paragraphs(details);
  return [
    { text: common.greeting(details.name) },
    ...paragraphs.map((p) => (p === '{confirm}' ? { link: details.confirmUrl! } : { text: p })),
    ...facts.map((text) => ({ text })),
    { text: common.cancel },
    { link: details.cancelUrl },
    { text: common.signature },
  ];
}

/** One registration mail, as plain text and as HTML with every visitor-given value escaped. */
export function composeMail(details: MailDetails): MailText {
  const body = blocks(details);
  return {
    subject: WORDING[details.language][details.kind].subject(details.workshopTitle),
    text: body.map((block) => ('link' in block ? block.link : block.text)).join('\n\n') + '\n',
    html:
      `<!DOCTYPE html><html lang="${details.language}"><body>` +
      body.map((block) => `<p>${'link' in block ? htmlLink(block.link) : escapeHtml(block.text)}</p>`).join('') +
      '</body></html>',
  };
}
