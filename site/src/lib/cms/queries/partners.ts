import type { Locale } from '@koper-otok/content-types';
import type { CmsClient } from '../client';
import type { PartnerRecord } from '../records';
import { MEDIA_FIELDS, pagedQuery, refs } from './fragments';

export const PARTNERS_QUERY = pagedQuery(
  'Partners',
  'partners_connection',
  `name shortName slug kind website description logo { ${MEDIA_FIELDS} } ${refs('regions')}`,
);

export const fetchPartners = (client: CmsClient, locale: Locale) =>
  client.fetchAll<PartnerRecord>(`partners[${locale}]`, PARTNERS_QUERY, { locale });
