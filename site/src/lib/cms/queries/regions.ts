import type { CmsClient } from '../client';
import type { RegionRecord } from '../records';
import { pagedQuery, type FetchScope } from './fragments';

export const REGIONS_QUERY = pagedQuery('Regions', 'regions_connection', 'name slug code description');

export const fetchRegions = (client: CmsClient, scope: FetchScope) =>
  client.fetchAll<RegionRecord>(`regions[${scope.locale}]`, REGIONS_QUERY, { ...scope });
