/**
 * A throw-away PostgreSQL cluster for the integration tests and the benchmarks: Debian's
 * server binaries (/usr/lib/postgresql/<version>/bin, installed by .ci/run), a data folder in
 * a temporary directory, 127.0.0.1 on a free port, password authentication, one database per
 * suite. PostgreSQL refuses to run as root, so when we run as root the cluster is created
 * and run as the `postgres` user (runuser). stop() shuts it down and removes the folder.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { cmsDir } from './paths.ts';
import { freePort } from './net.ts';

// pg is a dependency of cms/ (Strapi's PostgreSQL driver); we borrow its client.
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
const pg = createRequire(path.join(cmsDir, 'package.json'))('pg') as {
  Client: new (options: { connectionString: string }) => PgClient;
};

/** Runs one statement on its own connection and returns the rows. */
export async function postgresQuery<Row = Record<string, unknown>>(
  connectionString: string,
  sql: string,
): Promise<Row[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

const SYSTEM_USER = 'postgres';
const SUPERUSER = 'postgres';

export interface PostgresCluster {
  port: number;
  /** A new, empty database; returns the environment Strapi needs to use it. */
  createDatabase(name: string): Promise<NodeJS.ProcessEnv>;
  stop(): Promise<void>;
}

/** The newest installed server version's bin folder (PG_BIN_DIR overrides). */
export function postgresBinDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `PostgreSQL server binaries not found in ${root}; install Debian's "postgresql" package (.ci/run does) or set PG_BIN_DIR`,
    );
  }
  return path.join(root, versions[0], 'bin');
}

const runningAsRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres user when we are root. */
function runPostgresTool(binary: string, args: string[]): void {
  const command = runningAsRoot() ? ['runuser', '-u', SYSTEM_USER, '--', binary, ...args] : [binary, ...args];
  try {
    execFileSync(command[0], command.slice(1), { stdio: 'pipe' });
  } catch (error) {
    const err = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(
      `${path.basename(binary)} failed: ${err.stderr?.toString() || err.stdout?.toString() || err.message}`,
      { cause: error },
    );
  }
}

function ownFolder(dir: string): void {
  if (!runningAsRoot()) return;
  const uid = Number(execFileSync('id', ['-u', SYSTEM_USER]).toString());
  const gid = Number(execFileSync('id', ['-g', SYSTEM_USER]).toString());
  chownSync(dir, uid, gid);
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  const root = mkdtempSync(path.join(tmpdir(), 'koper-otok-pg-'));
  const dataDir = path.join(root, 'data');
  const password = randomBytes(12).toString('hex');
  const passwordFile = path.join(root, 'password');
  writeFileSync(passwordFile, `${password}\n`);
  ownFolder(root);
  ownFolder(passwordFile);

  runPostgresTool(path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    SUPERUSER,
    '--pwfile',
    passwordFile,
    '--auth=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
  ]);
  const port = await freePort();
  // Durability is pointless for a throw-away cluster; without fsync the suite runs faster.
  const serverOptions = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    "-c unix_socket_directories=''",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  runPostgresTool(path.join(bin, 'pg_ctl'), [
    '-D',
    dataDir,
    '-l',
    path.join(root, 'server.log'),
    '-o',
    serverOptions,
    '-w',
    '-t',
    '60',
    'start',
  ]);

  const url = (database: string) => `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/${database}`;
  return {
    port,
    async createDatabase(name) {
      await postgresQuery(url('postgres'), `CREATE DATABASE "${name.replace(/"/g, '')}"`);
      return { DATABASE_CLIENT: 'postgres', DATABASE_URL: url(name) };
    },
    async stop() {
      try {
        runPostgresTool(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
