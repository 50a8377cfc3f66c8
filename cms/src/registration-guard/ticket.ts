/**
 * Proof of time for visitors without JavaScript: a ticket signed over the workshop, the e-mail
 * address and its issue time. A bot that posts the form at once gets only the "one more step"
 * page; its ticket is accepted from the minimum age on (humans read the page that long) until
 * TICKET_LIFETIME_MS, for that workshop and address only, and once (the guard records its use).
 */
import { randomBytes } from 'node:crypto';
import { keyedHash, normaliseEmail, sameText } from './keyed-hash';

export const TICKET_LIFETIME_MS = 10 * 60_000;

export interface TicketSubject {
  workshop: string;
  email: string;
}

/** A valid ticket's `proofId` is its signature, which no other spelling of the ticket shares. */
export type TicketCheck =
  { valid: true; proofId: string; usedUntil: Date } | { valid: false; reason: 'forged' | 'early' | 'expired' };

const signature = (secret: string, subject: TicketSubject, issuedAt: number, nonce: string) =>
  keyedHash(secret, 'ticket', [subject.workshop.trim(), normaliseEmail(subject.email), issuedAt, nonce].join('\n'));

/** `<issue time in ms>.<nonce>.<signature>`; the nonce makes two tickets for one form differ. */
export function issueTicket(secret: string, subject: TicketSubject, now: Date): string {
  const issuedAt = now.getTime();
  const nonce = randomBytes(9).toString('base64url');
  return `${issuedAt}.${nonce}.${signature(secret, subject, issuedAt, nonce)}`;
}

export function checkTicket(
  ticket: string,
  subject: TicketSubject,
  options: { secret: string; minAgeMs: number; now: Date },
): TicketCheck {
  const [issued, nonce, signed, ...rest] = ticket.split('.');
  const issuedAt = Number(issued);
  // Only the issued spelling of the time: "0123" would carry the signature of "123".
  if (rest.length > 0 || !nonce || !signed || !Number.isSafeInteger(issuedAt) || String(issuedAt) !== issued)
    return { valid: false, reason: 'forged' };
  if (!sameText(signed, signature(options.secret, subject, issuedAt, nonce))) return { valid: false, reason: 'forged' };
  const age = options.now.getTime() - issuedAt;
  if (age < options.minAgeMs) return { valid: false, reason: 'early' };
  if (age > TICKET_LIFETIME_MS) return { valid: false, reason: 'expired' };
  return { valid: true, proofId: signed, usedUntil: new Date(issuedAt + TICKET_LIFETIME_MS) };
}
