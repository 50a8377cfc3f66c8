/**
 * Debian's nginx serving a built site with the production rules (deploy/nginx/site.conf): a
 * foreground process of its own on 127.0.0.1 and a free port, with its own prefix, pid file and
 * temporary folders, so it never needs or touches the system's nginx service.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort, waitForHttp } from '../../scripts/lib/net.ts';
import { repoRoot } from '../../scripts/lib/paths.ts';
import { runProcess, startProcess } from '../../scripts/lib/processes.ts';
import { tempDir } from './cms';

export const NGINX_BINARY = '/usr/sbin/nginx';
export const SITE_RULES = path.join(repoRoot, 'deploy', 'nginx', 'site.conf');
export const PRODUCTION_SERVERS = path.join(repoRoot, 'deploy', 'nginx', 'koper-otok.conf');
/** The registration API's routes (server context) and their rate limit zone (http context). */
export const REGISTRATION_API = path.join(repoRoot, 'deploy', 'nginx', 'registration-api.conf');
export const REGISTRATION_ZONE = path.join(repoRoot, 'deploy', 'nginx', 'registration-zone.conf');

/** What koper-otok.conf adds in http context for the registration API, with the test's Strapi. */
export const registrationHttpContext = (strapiUrl: string) => `
  include ${quoted(REGISTRATION_ZONE)};
  upstream koper_otok_cms { server ${new URL(strapiUrl).host}; }`;

export interface ServedByNginx {
  url: string;
  /** nginx's last output lines, for failure messages. */
  output: string[];
  reload(): Promise<void>;
  stop(): Promise<void>;
}

const quoted = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;

/** nginx's main configuration around `servers`, with every file it writes inside `prefix`. */
function mainConfig(prefix: string, servers: string): string {
  const temp = (name: string) => quoted(path.join(prefix, 'temp', name));
  return `
# As root, nginx's workers would otherwise drop to "nobody", who cannot read a private temp folder.
${process.getuid?.() === 0 ? 'user root;' : ''}
daemon off;
master_process on;
worker_processes 1;
pid ${quoted(path.join(prefix, 'nginx.pid'))};
error_log stderr warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${temp('body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
${servers}
}
`;
}

function writeConfig(servers: (prefix: string) => string): { prefix: string; configFile: string } {
  if (!existsSync(NGINX_BINARY)) throw new Error(`${NGINX_BINARY} is missing: apt-get install nginx`);
  const prefix = tempDir('nginx');
  mkdirSync(path.join(prefix, 'temp'));
  const configFile = path.join(prefix, 'nginx.conf');
  writeFileSync(configFile, mainConfig(prefix, servers(prefix)));
  return { prefix, configFile };
}

// -e: errors go to stderr from the start, before the configuration is read.
const nginxArgs = (prefix: string, configFile: string, ...extra: string[]) => [
  '-e',
  'stderr',
  '-p',
  prefix,
  '-c',
  configFile,
  ...extra,
];

/** Runs `nginx -t` on server blocks (e.g. the production ones); rejects with nginx's complaint. */
export async function checkNginxConfig(servers: (prefix: string) => string): Promise<void> {
  const { prefix, configFile } = writeConfig(servers);
  await runProcess(NGINX_BINARY, nginxArgs(prefix, configFile, '-t', '-q'), { cwd: prefix, label: false });
}

/**
 * Serves `root` with site.conf plus `includes` (e.g. the build's nginx-redirects.conf), on `port`
 * when a test must name the site's address before it is served; `http` goes before the server
 * block (e.g. registrationHttpContext).
 */
export async function serveWithNginx(
  root: string,
  includes: string[] = [],
  port?: number,
  http = '',
): Promise<ServedByNginx> {
  port ??= await freePort();
  const { prefix, configFile } = writeConfig(
    () => `${http}
  server {
    listen 127.0.0.1:${port};
    root ${quoted(root)};
    include ${quoted(SITE_RULES)};
${includes.map((file) => `    include ${quoted(file)};`).join('\n')}
  }`,
  );
  const nginx = startProcess(NGINX_BINARY, nginxArgs(prefix, configFile), { cwd: prefix, label: 'nginx' });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/`, { timeoutMs: 15_000, stillRunning: () => nginx.child.exitCode === null });
  } catch (error) {
    await nginx.stop();
    throw new Error(`nginx did not start: ${(error as Error).message}\n${nginx.output.join('\n')}`, { cause: error });
  }
  return {
    url,
    output: nginx.output,
    // What `systemctl reload nginx` does: re-read the configuration, includes and all.
    reload: () =>
      runProcess(NGINX_BINARY, nginxArgs(prefix, configFile, '-s', 'reload'), { cwd: prefix, label: false }),
    stop: () => nginx.stop(),
  };
}
