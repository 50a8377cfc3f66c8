/**
 * Starting Strapi as a real server process: used by `npm start`, the tests and the benchmarks,
 * so all of them run Strapi the same way (compiled cms/dist, `strapi start`, own process group).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { cmsDir, repoRoot } from './paths.ts';
import { startProcess, type RunningProcess } from './processes.ts';
import { freePort, waitForHttp } from './net.ts';

export interface StrapiOptions {
  /** Folder for this instance's SQLite file, uploads token file and logs. */
  dataDir: string;
  port?: number;
  /** Database variables (DATABASE_CLIENT, DATABASE_URL, ...); SQLite in dataDir by default. */
  databaseEnv?: NodeJS.ProcessEnv;
  env?: NodeJS.ProcessEnv;
  label?: string | false;
  serveAdmin?: boolean;
  startTimeoutMs?: number;
  /** The Strapi app folder to run (default cms/); a test can run a modified copy of cms/dist. */
  appDir?: string;
}

export interface StrapiInstance {
  url: string;
  port: number;
  tokenFile: string;
  process: RunningProcess;
  stop(): Promise<void>;
}

/** Fresh random secrets, in the variable names Strapi's config/ reads. */
export function generateSecrets(): Record<string, string> {
  const secret = () => randomBytes(24).toString('base64');
  return {
    APP_KEYS: [secret(), secret(), secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    // Signs the registration form's proofs (cms/src/registration-guard/).
    REGISTRATION_SECRET: randomBytes(32).toString('hex'),
  };
}

/**
 * Where an instance with its own data folder keeps its state: the SQLite file, the uploads
 * (PUBLIC_DIR/uploads) and the build token. npm start uses data/; backup and restore use the
 * same defaults, so they find the demo's database without configuration.
 */
export function dataDirEnv(dataDir: string): {
  DATABASE_CLIENT: string;
  DATABASE_FILENAME: string;
  PUBLIC_DIR: string;
  BUILD_TOKEN_FILE: string;
} {
  return {
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: path.join(dataDir, 'strapi.db'),
    PUBLIC_DIR: path.join(dataDir, 'public'),
    BUILD_TOKEN_FILE: path.join(dataDir, 'build-token'),
  };
}

export async function startStrapi(options: StrapiOptions): Promise<StrapiInstance> {
  const port = options.port ?? (await freePort());
  const instanceEnv = dataDirEnv(options.dataDir);
  const tokenFile = instanceEnv.BUILD_TOKEN_FILE;
  mkdirSync(path.join(instanceEnv.PUBLIC_DIR, 'uploads'), { recursive: true });
  const strapiBin = path.join(repoRoot, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
  const proc = startProcess(process.execPath, [strapiBin, 'start'], {
    cwd: options.appDir ?? cmsDir,
    label: options.label ?? false,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      ...instanceEnv,
      SERVE_ADMIN: String(options.serveAdmin ?? false),
      ...options.databaseEnv,
      ...options.env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/_health`, {
      timeoutMs: options.startTimeoutMs ?? 120_000,
      stillRunning: () => proc.child.exitCode === null,
    });
  } catch (error) {
    await proc.stop();
    throw new Error(`Strapi did not start: ${(error as Error).message}\n${proc.output.slice(-30).join('\n')}`, {
      cause: error,
    });
  }
  return { url, port, tokenFile, process: proc, stop: proc.stop };
}
