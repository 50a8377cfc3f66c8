import type { Locale } from '@koper-otok/content-types';
import type { CmsClient } from '../client';
import type { WorkshopRecord } from '../records';
import { pagedQuery, refs } from './fragments';

export const WORKSHOPS_QUERY = pagedQuery(
  'Workshops',
  'workshops_connection',
  `title slug startsAt endsAt venueName venueAddress city description registrationUrl capacity eventStatus
   region { documentId } ${refs('partners')}`,
);

export const fetchWorkshops = (client: CmsClient, locale: Locale) =>
  client.fetchAll<WorkshopRecord>(`workshops[${locale}]`, WORKSHOPS_QUERY, { locale });
