/**
 * Test helpers around a real Strapi: a throw-away data folder, fresh secrets, a free port,
 * and small HTTP clients for GraphQL and REST. Every suite starts and stops its own instance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSecrets, startStrapi, type StrapiInstance } from '../../scripts/lib/strapi.ts';

export interface TestCms extends StrapiInstance {
  dataDir: string;
  /** The environment Strapi was started with (secrets, database), for tools that must match it. */
  env: NodeJS.ProcessEnv;
  // Tests read Strapi's answers ad hoc; a caller that relies on a shape passes it as T.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  graphql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ status: number; body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } }>;
  rest<T = unknown>(
    method: string,
    pathAndQuery: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: T }>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `koper-otok-${prefix}-`));
}

export async function startTestCms(
  options: { env?: NodeJS.ProcessEnv; dataDir?: string; appDir?: string; serveAdmin?: boolean } = {},
): Promise<TestCms> {
  const dataDir = options.dataDir ?? tempDir('cms');
  const env = { ...generateSecrets(), SEED_DEMO: 'true', NODE_ENV: 'development', ...options.env };
  const { appDir, serveAdmin } = options;
  let instance = await startStrapi({ dataDir, env, appDir, serveAdmin });

  const headers = (token?: string) => ({
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  });
  const cms: TestCms = {
    ...instance,
    dataDir,
    env,
    async graphql(query, variables = {}, token) {
      const response = await fetch(`${cms.url}/graphql`, {
        method: 'POST',
        headers: headers(token),
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json() };
    },
    async rest(method, pathAndQuery, body, token) {
      const response = await fetch(`${cms.url}${pathAndQuery}`, {
        method,
        headers: headers(token),
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    },
    async restart() {
      await instance.stop();
      instance = await startStrapi({ dataDir, env, port: instance.port, appDir, serveAdmin });
      Object.assign(cms, { process: instance.process, stop: instance.stop });
    },
    async dispose() {
      await instance.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cms;
}
