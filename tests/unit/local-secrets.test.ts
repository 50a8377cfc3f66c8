// scripts/lib/local-secrets.ts: npm start creates cms/.env with Strapi's secrets and the shared
// ones, completes an older file that lacks the shared ones, and reads the file as Node reads .env.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseEnv } from 'node:util';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocalSecrets } from '../../scripts/lib/local-secrets.ts';

const dirs: string[] = [];
const envFileIn = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'local-secrets-'));
  dirs.push(dir);
  return path.join(dir, '.env');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ensureLocalSecrets', () => {
  it("creates the file, readable only by its owner, with Strapi's and the shared secrets", () => {
    const file = envFileIn();
    const logged: string[] = [];
    const shared = ensureLocalSecrets(file, (line) => logged.push(line));
    const values = parseEnv(readFileSync(file, 'utf8'));
    for (const name of [
      'APP_KEYS',
      'ADMIN_JWT_SECRET',
      'ENCRYPTION_KEY',
      'REGISTRATION_SECRET',
      'REBUILD_WEBHOOK_SECRET',
      'PREVIEW_SECRET',
    ])
      expect(values[name], name).toMatch(/.{16,}/);
    expect(shared).toEqual({
      REBUILD_WEBHOOK_SECRET: values.REBUILD_WEBHOOK_SECRET,
      PREVIEW_SECRET: values.PREVIEW_SECRET,
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(logged).toEqual(['setup: generated local secrets in cms/.env']);
    // A second start reads the same file and changes nothing.
    const before = readFileSync(file, 'utf8');
    expect(ensureLocalSecrets(file, () => undefined)).toEqual(shared);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('reads the file as Node reads .env files, and adds only the missing shared secrets', () => {
    const file = envFileIn();
    writeFileSync(file, ['# Strapi', 'APP_KEYS="a,b"', "export PREVIEW_SECRET='kept' # a comment"].join('\n'));
    const logged: string[] = [];
    const shared = ensureLocalSecrets(file, (line) => logged.push(line));
    expect(shared.PREVIEW_SECRET).toBe('kept');
    expect(shared.REBUILD_WEBHOOK_SECRET).toMatch(/.{32,}/);
    expect(logged).toEqual(['setup: added REBUILD_WEBHOOK_SECRET, REGISTRATION_SECRET to cms/.env']);
    expect(readFileSync(file, 'utf8')).toMatch(
      /# a comment\nREBUILD_WEBHOOK_SECRET=\S+\nREGISTRATION_SECRET=\S{64}\n$/,
    );
  });
});
