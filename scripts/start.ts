/**
 * `npm start`: the whole system on this machine, with the embedded default database.
 *   1. local secrets (cms/.env, created once, with the rebuild webhook secret),
 *   2. Strapi built if its sources changed,
 *   3. the rebuild service on 127.0.0.1: it serves the live site and takes Strapi's webhooks,
 *   4. Strapi on SQLite (data/strapi.db), seeded on first start, its webhook pointing at 3,
 *   5. a first build into data/site/builds/<id>, switched live atomically. From then on every
 *      publish in the admin rebuilds the site within seconds.
 *   6. the draft-preview server behind Strapi's "Open preview" button,
 *   7. unless SMTP_HOST names a mail server, a local one that keeps the registration mails in
 *      data/mail/ and prints their links. Ctrl-C stops everything.
 */
import path from 'node:path';
import { cmsDir, dataDir } from './lib/paths.ts';
import { startStrapi, type StrapiInstance } from './lib/strapi.ts';
import { buildCmsIfNeeded } from './lib/cms-build.ts';
import { ensureLocalSecrets } from './lib/local-secrets.ts';
import { freePort } from './lib/net.ts';
import { readRebuildConfig, REBUILD_DEFAULTS } from './rebuild/config.ts';
import { serviceOptionsFromConfig, startRebuildService, type RebuildService } from './rebuild/service.ts';
import { WEBHOOK_PATH } from './rebuild/server.ts';
import { failureReason } from './rebuild/build-log.ts';
import { buildPreviewServer, startPreviewServer, type PreviewServer } from './lib/preview-server.ts';
import { DEMO_ADMIN, DEMO_EDITOR } from './lib/demo-logins.ts';
import { startDemoMailbox } from './lib/demo-mailbox.ts';
import type { MailCatcher } from './lib/mail-catcher.ts';

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

// Children run in their own process groups and outlive this process unless stopped.
let strapi: StrapiInstance | undefined;
let service: RebuildService | undefined;
let preview: PreviewServer | undefined;
let mailbox: MailCatcher | undefined;
let stopping = false;
async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await service?.stop();
  await preview?.stop();
  await strapi?.stop();
  await mailbox?.close();
  process.exit(code);
}

async function main(): Promise<void> {
  const started = Date.now();
  const { REBUILD_WEBHOOK_SECRET: webhookSecret, PREVIEW_SECRET: previewSecret } = ensureLocalSecrets(
    path.join(cmsDir, '.env'),
  );
  await buildCmsIfNeeded();

  const strapiPort = await freePort(Number(process.env.PORT ?? 1337));
  const sitePort = await freePort(Number(process.env.SITE_PORT ?? 4321));
  const previewPort = await freePort(Number(process.env.PREVIEW_PORT ?? 4322));
  const statusPort = await freePort(Number(process.env.REBUILD_STATUS_PORT ?? REBUILD_DEFAULTS.statusPort));
  const strapiUrl = `http://127.0.0.1:${strapiPort}`;
  const siteUrl = process.env.SITE_URL ?? `http://127.0.0.1:${sitePort}`;

  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  // The rebuild service listens first: Strapi registers the webhook URL when it starts.
  const config = readRebuildConfig({
    ...process.env,
    REBUILD_WEBHOOK_SECRET: webhookSecret,
    REBUILD_PORT: String(sitePort),
    REBUILD_STATUS_PORT: String(statusPort),
    STRAPI_URL: strapiUrl,
    STRAPI_TOKEN_FILE: path.join(dataDir, 'build-token'),
    SITE_URL: siteUrl,
    SITES_DIR: path.join(dataDir, 'site'),
  });
  service = await startRebuildService(serviceOptionsFromConfig(config));

  const demoMailDir = path.join(dataDir, 'mail');
  if (!process.env.SMTP_HOST) mailbox = await startDemoMailbox(demoMailDir, (line) => console.log(line));
  const demoMail = mailbox ? { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(mailbox.port), SMTP_SECURE: 'false' } : {};

  console.log(`cms: starting Strapi on 127.0.0.1:${strapiPort} (SQLite at data/strapi.db)…`);
  strapi = await startStrapi({
    dataDir,
    port: strapiPort,
    label: 'cms',
    serveAdmin: true,
    env: {
      PUBLIC_URL: strapiUrl,
      // Registration answers and mails link the site's pages.
      SITE_URL: siteUrl,
      REBUILD_WEBHOOK_URL: `${service.url}${WEBHOOK_PATH}`,
      REBUILD_WEBHOOK_SECRET: webhookSecret,
      PREVIEW_URL: `http://127.0.0.1:${previewPort}`,
      PREVIEW_SECRET: previewSecret,
      ...demoMail,
    },
  });
  console.log(`cms: ready after ${seconds(started)} s`);
  void strapi.process.exited.then((code) => {
    if (stopping) return;
    console.error(`cms: Strapi exited unexpectedly (code ${code}); stopping.`);
    void stopAll(1);
  });

  console.log('site: building from Strapi…');
  service.buildNow();
  await service.whenIdle();
  const { lastBuild, liveBuildId } = service.status();
  if (!liveBuildId)
    throw new Error(`the first site build failed: ${failureReason(lastBuild?.error ?? 'unknown error')}`);
  if (lastBuild?.result === 'failed')
    console.warn(`site: the first build failed, serving the previous build ${liveBuildId}`);

  console.log('preview: building the draft-preview server…');
  await buildPreviewServer();
  preview = await startPreviewServer({
    strapiUrl,
    tokenFile: path.join(dataDir, 'build-token'),
    secret: previewSecret,
    port: previewPort,
    siteUrl,
  });

  console.log(`
  Zavod Koper Otok is running (ready in ${seconds(started)} s):
    Site     ${siteUrl}/   (English: ${siteUrl}/en/)
    Admin    ${strapi.url}/admin
    Login    ${process.env.ADMIN_EMAIL ?? DEMO_ADMIN.email} / ${process.env.ADMIN_PASSWORD ? '(your ADMIN_PASSWORD)' : DEMO_ADMIN.password}   (administrator, local demo only)
    Editor   ${DEMO_EDITOR.email} / ${DEMO_EDITOR.password}   (Slovenian admin, local demo only)
    GraphQL  ${strapi.url}/graphql
    Rebuilds ${service.statusUrl}   (publish in the admin: the site follows within seconds)
    Preview  ${preview.url}   (opened from the admin's "Open preview" button)
    Mail     ${mailbox ? `${path.relative(process.cwd(), demoMailDir)}/   (registration mails, links printed here)` : `through ${process.env.SMTP_HOST}`}
  Press Ctrl-C to stop.
`);
}

main().catch((error: Error) => {
  console.error(`\nnpm start failed: ${error.message}`);
  void stopAll(1);
});
