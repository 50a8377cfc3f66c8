import type { Registration } from '@koper-otok/content-types';

export const REGISTRATION_UID = 'api::registration.registration';
export const WORKSHOP_UID = 'api::workshop.workshop';

/** A registration row as the query engine returns it (registrations have no locale of their own). */
export type RegistrationRow = Omit<Registration, 'locale'> & { id: number };

/** The visitor's personal data and the links' hashes, blanked: erasing keeps the counts, and no old link opens the row. */
export const ERASED_PERSONAL_DATA = {
  name: null,
  email: null,
  organisation: null,
  role: null,
  confirmTokenHash: null,
  cancelTokenHash: null,
};
