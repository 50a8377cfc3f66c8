// The consent to the processing of personal data that a workshop registration form shows, per
// language. One wording for the site (which shows it) and the CMS (which stores it with each
// registration), so what a visitor agreed to is exactly what was on the page.
export const REGISTRATION_CONSENT = {
  sl:
    'Strinjam se, da Zavod Koper Otok moje ime, e-poštni naslov, organizacijo in vlogo obdeluje za prijavo na to ' +
    'delavnico in mi v zvezi z njo pošilja e-pošto. Podatke hrani le toliko časa, kot pravi izjava o ' +
    'varstvu osebnih podatkov; prijavo in podatke lahko kadar koli izbrišem s povezavo za odjavo.',
  en:
    'I agree that Zavod Koper Otok processes my name, e-mail address, organisation and role to register me for ' +
    'this workshop and to e-mail me about it. The data is kept only as long as the privacy notice says; I can ' +
    'cancel and delete my registration and data at any time with the cancel link.',
};

/**
 * Why a workshop whose staff switched registration on cannot take one at `now`, or null when it
 * can. The site decides from it whether to show the form and the CMS whether to accept a
 * submission, so the page never offers what the API would refuse, nor the other way round.
 */
export function registrationClosedReason(workshop, now) {
  if (workshop.eventStatus === 'cancelled') return 'cancelled';
  if (workshop.eventStatus === 'held') return 'past';
  // Without a date there is nothing to sign up for yet, and no moment after which to stop.
  if (!workshop.startsAt) return 'unscheduled';
  // Once a workshop has begun, nobody can join it any more.
  if (Date.parse(workshop.startsAt) <= now.getTime()) return 'past';
  return null;
}
