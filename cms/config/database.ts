import type { Core } from '@strapi/strapi';
import path from 'node:path';
import { cachePreparedStatements } from '../src/patches/sqlite-statement-cache';

/**
 * SQLite (better-sqlite3) is the embedded default for the local demo and tests;
 * PostgreSQL is the production database, chosen with DATABASE_CLIENT=postgres and
 * DATABASE_URL (or the DATABASE_HOST/PORT/NAME/USERNAME/PASSWORD parts).
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  const client = env.oneOf('DATABASE_CLIENT', ['sqlite', 'postgres'], 'sqlite');

  if (client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString: env('DATABASE_URL'),
          host: env('DATABASE_HOST', '127.0.0.1'),
          port: env.int('DATABASE_PORT', 5432),
          database: env('DATABASE_NAME', 'koper_otok'),
          user: env('DATABASE_USERNAME', 'koper_otok'),
          password: env('DATABASE_PASSWORD', ''),
          ssl: env.bool('DATABASE_SSL', false) && {
            rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
          },
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 0), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
      },
    };
  }

  // A relative DATABASE_FILENAME is resolved against the cms/ folder (dist/config -> ../..).
  const filename = path.resolve(__dirname, '..', '..', env('DATABASE_FILENAME', '../data/strapi.db'));
  return {
    connection: {
      client: 'sqlite',
      connection: { filename },
      useNullAsDefault: true,
      pool: {
        afterCreate: (
          connection: Parameters<typeof cachePreparedStatements>[0],
          done: (error: Error | null, connection: unknown) => void,
        ) => {
          cachePreparedStatements(connection);
          done(null, connection);
        },
      },
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 60000),
    },
  };
};
