/**
 * The single-server production install, run as its systemd units run it: Strapi and the rebuild
 * service started from the units' ExecStart and WorkingDirectory (deploy/systemd/), with the
 * variables of deploy/env/*.env.example (NODE_ENV=production, PostgreSQL, no demo content,
 * SERVE_SITE=false), a checkout that is read-only except for the units' ReadWritePaths, and
 * Debian's nginx serving the live symlink with deploy/nginx/site.conf. A publish through the
 * admin API must reach nginx.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveLink } from '../../scripts/lib/live-site.ts';
import { freePort, waitForHttp } from '../../scripts/lib/net.ts';
import { startPostgres, type PostgresCluster } from '../../scripts/lib/postgres.ts';
import { startProcess, type RunningProcess } from '../../scripts/lib/processes.ts';
import { loginAdmin, type AdminClient } from '../../scripts/lib/strapi-admin.ts';
import { generateSecrets } from '../../scripts/lib/strapi.ts';
import { generateWebhookSecret } from '../../scripts/rebuild/secret.ts';
import type { ServiceStatus } from '../../scripts/rebuild/status.ts';
import { tempDir } from '../helpers/cms';
import {
  exampleEnvironment,
  readEnvExample,
  readUnit,
  unitCommand,
  withReadOnlyInstall,
  type UnitCommand,
} from '../helpers/deploy-units';
import { serveWithNginx, type ServedByNginx } from '../helpers/nginx';

const ADMIN = {
  email: 'vodja.zavoda@koper-otok.test',
  password: `Proizvodnja-${randomBytes(12).toString('base64url')}`,
};
const ARTICLE = 'api::article.article';
const REGION = 'api::region.region';

type Maybe<T> = T | false | undefined;

/** Polls `condition` until it holds; the deadline only turns a hang into a clear failure. */
async function eventually<T>(
  what: string,
  condition: () => Maybe<T> | Promise<Maybe<T>>,
  deadlineMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const result = await condition();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * systemd starts a service with an environment of its own, not the caller's: everything of
 * this process is unset, then the unit's variables are added. HOME is mounted read-only, as the
 * units keep it (ProtectSystem=strict, ProtectHome=true).
 */
function serviceEnvironment(variables: Record<string, string>, home: string): NodeJS.ProcessEnv {
  const cleared = Object.fromEntries(Object.keys(process.env).map((name) => [name, undefined]));
  return { ...cleared, PATH: '/usr/local/bin:/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', ...variables };
}

function startUnit(unit: UnitCommand, env: NodeJS.ProcessEnv, label: string): RunningProcess {
  const { command, args } = withReadOnlyInstall(unit, [String(env.HOME)]);
  return startProcess(command, args, { cwd: unit.cwd, env, label });
}

describe('production stack: the systemd units with PostgreSQL, SERVE_SITE=false and nginx', () => {
  let postgres: PostgresCluster;
  let dataDir: string;
  let home: string;
  let strapi: RunningProcess;
  let rebuild: RunningProcess;
  let nginx: ServedByNginx;
  let strapiUrl: string;
  let rebuildUrl: string;
  let statusUrl: string;
  let admin: AdminClient;
  let rebuildEnv: Record<string, string>;
  let strapiEnv: NodeJS.ProcessEnv;

  const status = async (): Promise<ServiceStatus> => (await fetch(statusUrl)).json();

  beforeAll(async () => {
    postgres = await startPostgres();
    const database = await postgres.createDatabase('koper_otok_production');
    dataDir = tempDir('production-data');
    home = tempDir('production-home');
    const [strapiPort, rebuildPort] = [await freePort(), await freePort()];
    strapiUrl = `http://127.0.0.1:${strapiPort}`;
    rebuildUrl = `http://127.0.0.1:${rebuildPort}`;
    const webhookSecret = generateWebhookSecret();

    const cmsUnit = unitCommand(readUnit('koper-otok-cms.service'), dataDir);
    const rebuildUnit = unitCommand(readUnit('koper-otok-rebuild.service'), dataDir);
    // The folders the install creates (docs/operations.md): ReadWritePaths must exist.
    mkdirSync(path.join(dataDir, 'public', 'uploads'), { recursive: true });
    for (const dir of [...cmsUnit.writablePaths, ...rebuildUnit.writablePaths]) mkdirSync(dir, { recursive: true });

    const cmsEnv = exampleEnvironment(readEnvExample('cms.env.example'), dataDir, {
      ...generateSecrets(),
      DATABASE_URL: String(database.DATABASE_URL),
      PORT: String(strapiPort),
      PUBLIC_URL: strapiUrl,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      // The admin panel's bundle (`npm run build:cms`) is not part of the tests' compile step.
      SERVE_ADMIN: 'false',
      REBUILD_WEBHOOK_URL: `${rebuildUrl}/webhook`,
      REBUILD_WEBHOOK_SECRET: webhookSecret,
    });
    // Nothing from a developer's cms/.env: production has only the unit's environment.
    const noDotEnv = { ENV_PATH: path.join(dataDir, 'no-such.env') };
    strapiEnv = serviceEnvironment({ ...cmsEnv, ...noDotEnv }, home);
    strapi = startUnit(cmsUnit, strapiEnv, 'strapi');
    await waitForHttp(`${strapiUrl}/_health`, {
      timeoutMs: 120_000,
      stillRunning: () => strapi.child.exitCode === null,
    }).catch((error: Error) => {
      throw new Error(`Strapi did not start: ${error.message}\n${strapi.output.slice(-30).join('\n')}`);
    });

    rebuildEnv = exampleEnvironment(readEnvExample('rebuild.env.example'), dataDir, {
      STRAPI_URL: strapiUrl,
      REBUILD_WEBHOOK_SECRET: webhookSecret,
      REBUILD_PORT: String(rebuildPort),
      REBUILD_STATUS_PORT: '0',
    });
    rebuild = startUnit(rebuildUnit, serviceEnvironment(rebuildEnv, home), 'rebuild');
    statusUrl = await eventually(
      'the rebuild service prints its status address',
      () => {
        if (rebuild.child.exitCode !== null) throw new Error(`rebuild exited:\n${rebuild.output.join('\n')}`);
        return rebuild.output.map((line) => /status at (http:\S+)/.exec(line)?.[1]).find(Boolean);
      },
      30_000,
    );
    // It builds once at start: the live site exists before nginx serves it.
    await eventually('the first build is live', async () => (await status()).liveBuildId !== null);

    const live = liveLink(rebuildEnv.SITES_DIR);
    nginx = await serveWithNginx(live, [path.join(live, 'nginx-redirects.conf')]);
    admin = await loginAdmin(strapiUrl, ADMIN.email, ADMIN.password);
  }, 240_000);

  afterAll(async () => {
    await nginx?.stop();
    await rebuild?.stop();
    await strapi?.stop();
    await postgres?.stop();
    for (const dir of [dataDir, home]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts Strapi in production without demo content', async () => {
    const response = await fetch(`${strapiUrl}/api/articles`);
    const { data } = await response.json();
    expect(response.status).toBe(200);
    expect(data).toEqual([]);
  });

  it('puts a region and an article published through the admin API on the site nginx serves', async () => {
    const before = await status();
    const region = await admin.createAndPublish(REGION, 'sl', {
      name: 'Obalno-kraška',
      slug: 'obalno-kraska',
      code: 'SI044',
      locale: 'sl',
    });
    const title = 'Stojnice na Titovem trgu';
    await admin.createAndPublish(ARTICLE, 'sl', {
      title,
      slug: 'stojnice-na-titovem-trgu',
      excerpt: 'Objava v administraciji se pokaže na strani, ki jo streže nginx.',
      publishedDate: '2026-11-30',
      regions: { connect: [{ documentId: region.documentId, locale: 'sl' }] },
      locale: 'sl',
    });

    // Two publishes, so one or two builds: the second publish may come after the first build went live.
    const published = await eventually('the article is live', async () => {
      const now = await status();
      if (now.liveBuildId === before.liveBuildId || now.state !== 'idle' || now.pendingEvents > 0) return false;
      const article = await fetch(`${nginx.url}/novice/stojnice-na-titovem-trgu/`);
      return article.status === 200 && (await article.text()).includes(title) && now;
    });
    expect(published.lastBuild).toMatchObject({ result: 'succeeded', reason: 'events' });
    expect(published.counters.webhooksRejected).toBe(0);

    const regionPage = await fetch(`${nginx.url}/regije/obalno-kraska/`);
    expect(regionPage.status).toBe(200);
    expect(await regionPage.text()).toContain('Obalno-kraška');
  });

  it("runs the example's DEPLOY_COMMAND after the switch: the stamp the nginx reload unit watches", async () => {
    const stamp = path.join(rebuildEnv.SITES_DIR, 'deployed');
    expect(rebuildEnv.DEPLOY_COMMAND).toContain(stamp);
    expect(existsSync(stamp)).toBe(true);
    expect(readFileSync(stamp, 'utf8').trim()).not.toBe('');
    // What koper-otok-nginx-reload.service then does; the site stays served.
    await nginx.reload();
    expect((await fetch(`${nginx.url}/novice/stojnice-na-titovem-trgu/`)).status).toBe(200);
  });

  it("leaves the site to nginx: the rebuild service's public port serves no page (SERVE_SITE=false)", async () => {
    for (const page of ['/', '/novice/stojnice-na-titovem-trgu/']) {
      const response = await fetch(`${rebuildUrl}${page}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('Stojnice');
    }
  });

  it("backs up with the backup unit (cms.env's settings) while Strapi runs", async () => {
    const unit = unitCommand(readUnit('koper-otok-backup.service'), dataDir);
    // The unit's archive goes to the install's data/backups; here that folder is the test's.
    const archive = path.join(dataDir, 'backups', 'koper-otok-nightly');
    const backup = startUnit({ ...unit, args: [...unit.args, '--file', archive] }, strapiEnv, 'backup');
    expect(await backup.exited, backup.output.join('\n')).toBe(0);
    expect(readdirSync(path.dirname(archive))).toEqual(['koper-otok-nightly.tar.gz']);
  });
});
