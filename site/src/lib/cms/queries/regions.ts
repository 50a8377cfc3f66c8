import type { Locale } from '@koper-otok/content-types';
import type { CmsClient } from '../client';
import type { RegionRecord } from '../records';
import { pagedQuery } from './fragments';

export const REGIONS_QUERY = pagedQuery('Regions', 'regions_connection', 'name slug code description');

export const fetchRegions = (client: CmsClient, locale: Locale) =>
  client.fetchAll<RegionRecord>(`regions[${locale}]`, REGIONS_QUERY, { locale });
