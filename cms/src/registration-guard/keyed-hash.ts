/**
 * Keyed hashes (HMAC-SHA-256 with REGISTRATION_SECRET): what the guard stores about a client
 * address, an e-mail address or a used proof. A plain hash of an IPv4 address or a known e-mail
 * address is reversed by trying them all; without the secret these cannot be.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const keyedHash = (secret: string, purpose: string, value: string): string =>
  createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url');

/** Compares two strings in constant time, so a forged signature learns nothing from the timing. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The form of an e-mail address that limits and tickets compare: trimmed, lower case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();
