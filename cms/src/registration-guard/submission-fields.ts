/**
 * The cheap first check of a posted form, before any hashing or database work: the body's size,
 * the number of its fields and each field's length. reg-core validates the values themselves;
 * this only bounds what the guard and everything after it will touch.
 */
import { MAX_PAYLOAD_LENGTH } from './proof-of-work';

/** The longest value each field of the form may have, in characters. */
export const FIELD_LIMITS = {
  workshop: 64,
  language: 2,
  name: 120,
  email: 254,
  organisation: 200,
  role: 200,
  consent: 16,
  website: 200,
  altcha: MAX_PAYLOAD_LENGTH,
  ticket: 200,
} as const;

export type FieldName = keyof typeof FIELD_LIMITS;
export type Submission = Record<FieldName, string>;

// Every field at its limit, percent-encoded, fits; more than that is not our form.
export const MAX_BODY_BYTES = 8_192;
const MAX_FIELD_COUNT = 20;

const FIELD_NAMES = Object.keys(FIELD_LIMITS) as FieldName[];

/** A form or JSON value as text; lists and objects (repeated or bracketed names) are refused. */
function asText(value: unknown): string | null {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return null;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The form's fields as text, or null when the body is too large, malformed or a field too long. */
export function readSubmission(body: unknown, declaredBytes: number | undefined): Submission | null {
  if ((declaredBytes ?? 0) > MAX_BODY_BYTES || !isPlainObject(body)) return null;
  if (Object.keys(body).length > MAX_FIELD_COUNT) return null;
  const fields = {} as Submission;
  for (const name of FIELD_NAMES) {
    const text = asText(body[name]);
    if (text === null || text.length > FIELD_LIMITS[name]) return null;
    fields[name] = text;
  }
  return fields;
}
