/**
 * The draft-preview server: the site's own pages built as a small Node server (Astro with the
 * Node adapter, SITE_MODE=preview) that renders drafts on request behind PREVIEW_SECRET.
 * Built into site/dist-preview (its server code resolves the site's node_modules).
 */
import path from 'node:path';
import { binDir, siteDir } from './paths.ts';
import { runProcess, startProcess, type RunningProcess } from './processes.ts';
import { freePort, waitForHttp } from './net.ts';

const previewBuildDir = path.join(siteDir, 'dist-preview');

export async function buildPreviewServer(label: string | false = 'preview'): Promise<void> {
  await runProcess(path.join(binDir, 'astro'), ['build'], {
    cwd: siteDir,
    label,
    env: { SITE_MODE: 'preview', SITE_OUT_DIR: previewBuildDir },
  });
}

export interface PreviewServerOptions {
  strapiUrl: string;
  tokenFile: string;
  secret: string;
  siteUrl?: string;
  port?: number;
  label?: string | false;
}

export interface PreviewServer {
  url: string;
  process: RunningProcess;
  stop(): Promise<void>;
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const port = options.port ?? (await freePort());
  const proc = startProcess(process.execPath, [path.join(previewBuildDir, 'server', 'entry.mjs')], {
    cwd: siteDir,
    label: options.label ?? false,
    env: {
      SITE_MODE: 'preview',
      HOST: '127.0.0.1',
      PORT: String(port),
      STRAPI_URL: options.strapiUrl,
      STRAPI_TOKEN_FILE: options.tokenFile,
      PREVIEW_SECRET: options.secret,
      SITE_URL: options.siteUrl,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/robots.txt`, { timeoutMs: 30_000, stillRunning: () => proc.child.exitCode === null });
  } catch (error) {
    await proc.stop();
    throw new Error(
      `the preview server did not start: ${(error as Error).message}\n${proc.output.slice(-20).join('\n')}`,
      { cause: error },
    );
  }
  return { url, process: proc, stop: proc.stop };
}
