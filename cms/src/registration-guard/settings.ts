/**
 * The guard's settings from config/registration-guard.ts, checked once: a limit or window that
 * is not a positive whole number is a configuration error, reported with its variable's name.
 */
import type { Core } from '@strapi/strapi';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface GuardSettings {
  /** Empty when REGISTRATION_SECRET is unset: the form then answers "unavailable". */
  secret: string;
  powMaxNumber: number;
  ticketMinAgeMs: number;
  limits: { address: RateLimit; email: RateLimit };
}

/** Shorter secrets are refused: they would make challenges and tickets guessable. */
export const MIN_SECRET_LENGTH = 32;

function wholeNumber(value: unknown, variable: string, least = 1): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < least)
    throw new Error(`${variable} must be a whole number of at least ${least}`);
  return number;
}

function rateLimit(config: { max?: unknown; windowSeconds?: unknown } | undefined, name: string): RateLimit {
  return {
    max: wholeNumber(config?.max, `REGISTRATION_LIMIT_PER_${name}`),
    windowMs: wholeNumber(config?.windowSeconds, `REGISTRATION_LIMIT_${name}_WINDOW_SECONDS`) * 1000,
  };
}

export function readGuardSettings(strapi: Core.Strapi): GuardSettings {
  const config = strapi.config.get('registration-guard', {}) as Record<string, never>;
  const secret = String(config.secret ?? '');
  if (secret !== '' && secret.length < MIN_SECRET_LENGTH)
    throw new Error(`REGISTRATION_SECRET must have at least ${MIN_SECRET_LENGTH} characters`);
  const limits = (config.limits ?? {}) as Record<'address' | 'email', never>;
  return {
    secret,
    powMaxNumber: wholeNumber(config.powMaxNumber, 'REGISTRATION_POW_MAX_NUMBER'),
    ticketMinAgeMs: wholeNumber(config.ticketMinAgeMs, 'REGISTRATION_TICKET_MIN_AGE_MS', 0),
    limits: { address: rateLimit(limits.address, 'ADDRESS'), email: rateLimit(limits.email, 'EMAIL') },
  };
}
