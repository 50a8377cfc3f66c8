/** The rows of an SQL statement with RETURNING: knex's raw() answers { rows } on PostgreSQL and the rows themselves on SQLite. */
export function returnedRows(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : ((result as { rows?: Record<string, unknown>[] }).rows ?? []);
}
