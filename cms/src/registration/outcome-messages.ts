import type { Locale, RegistrationOutcome } from '@koper-otok/content-types';

/** What a JSON answer tells the visitor about each outcome, in their language (the static pages say the same). */
export const OUTCOME_MESSAGES: Record<RegistrationOutcome, Record<Locale, string>> = {
  sent: {
    sl: 'Poslali smo vam e-pošto. Prijavo potrdite s povezavo v njej v 48 urah.',
    en: 'We have sent you an e-mail. Confirm your registration with its link within 48 hours.',
  },
  confirmed: { sl: 'Vaša prijava je potrjena.', en: 'Your registration is confirmed.' },
  waiting: {
    sl: 'Mesta so zasedena: uvrstili smo vas na čakalno listo in vam pišemo, ko se mesto sprosti.',
    en: 'All places are taken: you are on the waiting list, and we will write to you when a place frees up.',
  },
  cancelled: { sl: 'Vaša prijava je odjavljena.', en: 'Your registration is cancelled.' },
  deleted: {
    sl: 'Vaša prijava je odjavljena in vaši podatki so izbrisani.',
    en: 'Your registration is cancelled and your data deleted.',
  },
  expired: {
    sl: 'Povezava ni več veljavna. Prijavite se znova na strani delavnice.',
    en: 'This link is no longer valid. Please register again on the workshop page.',
  },
  invalid: {
    sl: 'Manjkajo podatki ali niso pravilni: vpišite ime in veljaven e-poštni naslov.',
    en: 'Some details are missing or wrong: enter your name and a valid e-mail address.',
  },
  consent: {
    sl: 'Brez soglasja k obdelavi osebnih podatkov prijave ne moremo sprejeti.',
    en: 'We cannot accept a registration without your consent to the processing of personal data.',
  },
  closed: {
    sl: 'Prijave na to delavnico niso odprte.',
    en: 'Registration for this workshop is not open.',
  },
  proof: {
    sl: 'Preverjanje, da prijavo pošilja človek, ni uspelo. Poskusite znova.',
    en: 'The check that a person is sending this registration failed. Please try again.',
  },
  'rate-limited': {
    sl: 'Preveč poskusov v kratkem času. Poskusite znova čez nekaj časa.',
    en: 'Too many attempts in a short time. Please try again later.',
  },
  unavailable: {
    sl: 'Prijava trenutno ni mogoča. Poskusite znova pozneje.',
    en: 'Registration is not possible at the moment. Please try again later.',
  },
};
