import { REGISTRATION_CONSENT, type Locale } from '@koper-otok/content-types';
import { languageOf } from './respond';

/** A registration form as the visitor sent it, checked and normalised. */
export interface Submission {
  workshop: string;
  language: Locale;
  name: string;
  /** Trimmed and lower-cased: one address, one registration per workshop. */
  email: string;
  organisation: string | null;
  role: string | null;
  /** The wording the form showed next to the consent box, stored as agreed to. */
  consentText: string;
}

export type ParsedSubmission = { submission: Submission } | { refusal: 'invalid' | 'consent'; language: Locale };

/** The schema's limits (content-types/schemas/registration.json): longer is refused, never cut. */
const LIMITS = { workshop: 64, name: 120, email: 254, organisation: 200, role: 200 } as const;

// A pragmatic address check: one @, a dot in the domain, no spaces; the confirmation mail proves the rest.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A form field as one line of text: trimmed, inner runs of spaces made one; undefined when not text or too long. */
function field(body: Record<string, unknown>, name: keyof typeof LIMITS): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' || CONTROL_CHARACTERS.test(value)) return undefined;
  const text = value.trim().replace(/\s+/g, ' ');
  return text.length <= LIMITS[name] ? text : undefined;
}

/** Checks a submitted form: the fields the visitor gave, within limits, a plausible address and the consent box. */
export function parseSubmission(body: unknown): ParsedSubmission {
  const form = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const language = languageOf(form.language);
  const [workshop, name, email, organisation, role] = (
    ['workshop', 'name', 'email', 'organisation', 'role'] as const
  ).map((name) => field(form, name));
  if (!workshop || !name || !email || organisation === undefined || role === undefined || !EMAIL.test(email))
    return { refusal: 'invalid', language };
  if (form.consent !== 'yes') return { refusal: 'consent', language };
  return {
    submission: {
      workshop,
      language,
      name,
      email: email.toLowerCase(),
      organisation: organisation || null,
      role: role || null,
      consentText: REGISTRATION_CONSENT[language],
    },
  };
}
