import type { CmsClient } from '../client';
import type { PartnerRecord } from '../records';
import { MEDIA_FIELDS, pagedQuery, refs, type FetchScope } from './fragments';

export const PARTNERS_QUERY = pagedQuery(
  'Partners',
  'partners_connection',
  `name shortName slug kind website description logo { ${MEDIA_FIELDS} } ${refs('regions')}`,
);

export const fetchPartners = (client: CmsClient, scope: FetchScope) =>
  client.fetchAll<PartnerRecord>(`partners[${scope.locale}]`, PARTNERS_QUERY, { ...scope });
