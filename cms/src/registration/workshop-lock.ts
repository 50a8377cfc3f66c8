import type { Core } from '@strapi/strapi';
import { WORKSHOP_UID } from './model';

const POSTGRES_CLIENTS = new Set(['postgres', 'pg', 'postgresql']);

/**
 * Runs `work` in one transaction that holds the workshop's lock, so counting its confirmed places
 * and taking or freeing one cannot interleave with another confirmation or cancellation.
 * PostgreSQL: the workshop's rows (every language, draft and published) are locked FOR UPDATE
 * until commit. SQLite: knex gives SQLite one connection and a transaction keeps it until commit,
 * so transactions (and every other query) already run one after another.
 * Every query in `work` must go through Strapi's query engine, which joins this transaction.
 */
export async function withWorkshopLock<T>(
  strapi: Core.Strapi,
  workshopDocumentId: string,
  work: () => Promise<T>,
): Promise<T> {
  // Strapi types the result as the callback's promise; awaiting it gives the value.
  return await strapi.db.transaction(async ({ trx }) => {
    if (POSTGRES_CLIENTS.has(strapi.db.dialect.client)) {
      const { tableName } = strapi.db.metadata.get(WORKSHOP_UID);
      await trx(tableName).select('id').where('document_id', workshopDocumentId).forUpdate();
    }
    return work();
  });
}
