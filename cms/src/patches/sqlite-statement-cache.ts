/**
 * Reuses prepared SQLite statements. knex asks better-sqlite3 to prepare every query afresh, and
 * preparing costs about as much as running one of Strapi's small queries. Strapi's queries repeat
 * the same SQL with other bindings, so a bounded cache of statements per connection skips that
 * work. config/database.ts installs it on every new SQLite connection (knex's pool afterCreate).
 *
 * Safe with better-sqlite3: knex only runs a statement to completion (all/run, synchronous),
 * so a cached statement is never busy when it is handed out again, and SQLite re-prepares a
 * statement by itself when the schema changes under it.
 */
interface PreparingConnection {
  prepare(sql: string): unknown;
}

export const STATEMENT_CACHE_SIZE = 1000;

export function cachePreparedStatements(connection: PreparingConnection, size = STATEMENT_CACHE_SIZE): void {
  const prepare = connection.prepare.bind(connection);
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement !== undefined) {
      statements.delete(sql);
    } else {
      statement = prepare(sql);
      if (statements.size >= size) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, statement);
    return statement;
  };
}
