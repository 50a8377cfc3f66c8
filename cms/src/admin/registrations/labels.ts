/** Shared display helpers of the workshop list and the registrations table. */
import type { useIntl } from 'react-intl';
import { TIME_ZONE } from '../../scheduling/ljubljana-time';
import type { RegistrationState, WorkshopSummary } from './api';
import type { useRegistrationMessages } from './messages';

type Intl = ReturnType<typeof useIntl>;
type Message = ReturnType<typeof useRegistrationMessages>;

// Badges whose text reaches WCAG's 4.5:1 (Strapi's warning and alternative badges do not, per axe).
export const STATE_VARIANT: Record<RegistrationState, 'success' | 'secondary' | 'primary' | 'neutral'> = {
  confirmed: 'success',
  waiting: 'primary',
  pending: 'secondary',
  cancelled: 'neutral',
};

/** A date and time in Ljubljana, in the admin's interface language. */
export const ljubljanaDate = (intl: Intl, instant: string) =>
  intl.formatDate(instant, { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });

/** "12 od 20", or "12 (brez omejitve)" when the workshop sets no capacity. */
export const placesLabel = (message: Message, workshop: WorkshopSummary) =>
  workshop.capacity === null
    ? message('places.unlimited', { confirmed: workshop.counts.confirmed })
    : message('places', { confirmed: workshop.counts.confirmed, capacity: workshop.capacity });

export const isOverCapacity = (workshop: WorkshopSummary) =>
  workshop.capacity !== null && workshop.counts.confirmed > workshop.capacity;

export const isFull = (workshop: WorkshopSummary) =>
  workshop.capacity !== null && workshop.counts.confirmed >= workshop.capacity;

/** Saves a downloaded file under its name, the way a link with `download` would. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
