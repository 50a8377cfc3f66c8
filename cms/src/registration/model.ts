import type { Locale, RegistrationState } from '@koper-otok/content-types';

export const REGISTRATION_UID = 'api::registration.registration';
export const WORKSHOP_UID = 'api::workshop.workshop';

/** A registration row as the query engine returns it. */
export interface RegistrationRow {
  id: number;
  documentId: string;
  workshopDocumentId: string;
  language: Locale;
  name: string | null;
  email: string | null;
  organisation: string | null;
  role: string | null;
  state: RegistrationState;
  consentText: string | null;
  consentAt: string | null;
  confirmTokenHash: string | null;
  cancelTokenHash: string | null;
  confirmBy: string | null;
  confirmedAt: string | null;
  waitingSince: string | null;
  cancelledAt: string | null;
  anonymisedAt: string | null;
}
