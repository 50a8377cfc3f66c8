/**
 * Debian's HAProxy balancing Strapi instances with the production configuration
 * (deploy/haproxy/koper-otok-cms.cfg): a foreground process of its own on 127.0.0.1 and a free
 * port. Like production, the shared file comes after a `global` section of ours, here one that
 * puts the admin socket (the runtime API) in a temporary folder and logs state changes to stderr.
 * Plain Node imports it too (bench/lib/instances.ts), hence the .ts import paths.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, waitForHttp } from '../../scripts/lib/net.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { startProcess } from '../../scripts/lib/processes.ts';

export const HAPROXY_BINARY = '/usr/sbin/haproxy';
export const BALANCER_CONFIG = path.join(repoRoot, 'deploy', 'haproxy', 'koper-otok-cms.cfg');
/** The backend and its servers as the configuration names them. */
export const BACKEND = 'strapi';
export const SERVER_NAMES = ['cms1', 'cms2'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export interface Balancer {
  url: string;
  /** HAProxy's last output lines (servers going up and down), for failure messages. */
  output: string[];
  /** One command of HAProxy's runtime API (management.txt), its answer as text. */
  runtime(command: string): Promise<string>;
  /** Each server's status as the stats show it: "UP", "DOWN", "MAINT", "UP 1/3"... */
  serverStatus(): Promise<Record<ServerName, string>>;
  /** The backend's retries and redispatches so far (the stats' wretr and wredis). */
  retryCounts(): Promise<{ retries: number; redispatches: number }>;
  /** Resolves once no server has a request in progress (e.g. left over from a load step). */
  waitUntilIdle(timeoutMs?: number): Promise<void>;
  /** Takes a server out of the rotation (maintenance) or puts it back. */
  setInRotation(server: ServerName, inRotation: boolean): Promise<void>;
  stop(): Promise<void>;
}

function globalSection(socket: string): string {
  return `global
    # State changes ("Server strapi/cms1 is DOWN") at notice level; per-request lines stay out.
    log stderr format short local0 notice
    stats socket "${socket}" mode 600 level admin
`;
}

/** Sends one runtime API command over the admin socket and resolves with the whole answer. */
function runtimeCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const connection = createConnection(socket, () => connection.end(`${command}\n`));
    connection.on('data', (chunk: Buffer) => chunks.push(chunk));
    connection.on('end', () => resolve(Buffer.concat(chunks).toString()));
    connection.on('error', reject);
  });
}

/** `show stat` is CSV with a header line starting "# ": the backend's rows by name (servers, BACKEND). */
function backendStats(csv: string): Map<string, Record<string, string>> {
  const [header, ...lines] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const rows = lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i], value])));
  return new Map(rows.filter((row) => row.pxname === BACKEND).map((row) => [row.svname, row]));
}

function parseServerStatus(csv: string): Record<ServerName, string> {
  const stats = backendStats(csv);
  return Object.fromEntries(SERVER_NAMES.map((server) => [server, stats.get(server)?.status ?? 'absent'])) as Record<
    ServerName,
    string
  >;
}

/** Starts HAProxy in front of `servers` (host:port, in the order cms1, cms2). */
export async function startBalancer(servers: readonly [string, string]): Promise<Balancer> {
  if (!existsSync(HAPROXY_BINARY)) throw new Error(`${HAPROXY_BINARY} is missing: apt-get install haproxy`);
  const dir = mkdtempSync(path.join(tmpdir(), 'koper-otok-haproxy-'));
  const socket = path.join(dir, 'admin.sock');
  const globalFile = path.join(dir, 'global.cfg');
  writeFileSync(globalFile, globalSection(socket));
  const port = await freePort();
  const haproxy = startProcess(HAPROXY_BINARY, ['-db', '-f', globalFile, '-f', BALANCER_CONFIG], {
    cwd: dir,
    label: 'haproxy',
    env: { CMS_BALANCER_BIND: `127.0.0.1:${port}`, CMS_1: servers[0], CMS_2: servers[1] },
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await haproxy.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForHttp(`${url}/_health`, { timeoutMs: 15_000, stillRunning: () => haproxy.child.exitCode === null });
  } catch (error) {
    await stop();
    throw new Error(`HAProxy did not start: ${(error as Error).message}\n${haproxy.output.join('\n')}`, {
      cause: error,
    });
  }
  const runtime = (command: string) => runtimeCommand(socket, command);
  return {
    url,
    output: haproxy.output,
    runtime,
    serverStatus: async () => parseServerStatus(await runtime('show stat')),
    async retryCounts() {
      const backend = backendStats(await runtime('show stat')).get('BACKEND');
      return { retries: Number(backend?.wretr ?? 0), redispatches: Number(backend?.wredis ?? 0) };
    },
    async waitUntilIdle(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      const inProgress = async () => {
        const stats = backendStats(await runtime('show stat'));
        return SERVER_NAMES.some((server) => Number(stats.get(server)?.scur ?? 0) > 0);
      };
      while ((await inProgress()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    },
    async setInRotation(server, inRotation) {
      const answer = await runtime(`set server ${BACKEND}/${server} state ${inRotation ? 'ready' : 'maint'}`);
      if (answer.trim()) throw new Error(`HAProxy refused to change ${server}: ${answer.trim()}`);
    },
    stop,
  };
}
