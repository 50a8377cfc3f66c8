import type { CmsClient } from '../client';
import type { WorkshopRecord } from '../records';
import { pagedQuery, refs, type FetchScope } from './fragments';

export const WORKSHOPS_QUERY = pagedQuery(
  'Workshops',
  'workshops_connection',
  `title slug startsAt endsAt venueName venueAddress city description registrationUrl capacity eventStatus
   region { documentId } ${refs('partners')}`,
);

export const fetchWorkshops = (client: CmsClient, scope: FetchScope) =>
  client.fetchAll<WorkshopRecord>(`workshops[${scope.locale}]`, WORKSHOPS_QUERY, { ...scope });
