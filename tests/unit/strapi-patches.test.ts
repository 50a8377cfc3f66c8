// cms/src/patches/index.ts: the patches to Strapi's internals warn when another Strapi runs them.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmsDir } from '../../scripts/lib/paths.ts';
import {
  PATCHED_STRAPI_VERSION,
  STRAPI_PATCHES,
  warnIfStrapiVersionDiffers,
  type VersionedStrapi,
} from '../../cms/src/patches/index';

function fakeStrapi(version: unknown) {
  const warnings: string[] = [];
  const strapi: VersionedStrapi = {
    config: { get: (key) => (key === 'info.strapi' ? version : undefined) },
    log: { warn: (message) => void warnings.push(message) },
  };
  return { strapi, warnings };
}

describe('the Strapi version the patches were written for', () => {
  it('is silent when that version runs', () => {
    const { strapi, warnings } = fakeStrapi(PATCHED_STRAPI_VERSION);
    expect(warnIfStrapiVersionDiffers(strapi)).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('warns once, naming every patch and both versions, when another version runs', () => {
    const { strapi, warnings } = fakeStrapi('5.60.1');
    expect(warnIfStrapiVersionDiffers(strapi)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Strapi 5.60.1 is running');
    expect(warnings[0]).toContain(`written for Strapi ${PATCHED_STRAPI_VERSION}`);
    for (const { name, file } of STRAPI_PATCHES) {
      expect(warnings[0]).toContain(name);
      expect(warnings[0]).toContain(file);
    }
  });

  it('warns when the version cannot be read', () => {
    const { strapi, warnings } = fakeStrapi(undefined);
    expect(warnIfStrapiVersionDiffers(strapi)).toBe(true);
    expect(warnings[0]).toContain('unknown version');
  });

  it('is where Strapi keeps the running version (info.strapi is @strapi/core’s version)', () => {
    const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));
    const coreRoot = path.dirname(requireFromCms.resolve('@strapi/core/package.json'));
    const configuration = readFileSync(path.join(coreRoot, 'dist/configuration/index.js'), 'utf8');
    expect(configuration).toMatch(/info: \{[^}]*strapi: _package\.version/);
  });

  it('is the installed one: after an upgrade, check the patches (src/patches/README.md) and then bump it', () => {
    const requireFromCms = createRequire(path.join(cmsDir, 'package.json'));
    for (const name of [
      '@strapi/strapi',
      '@strapi/core',
      '@strapi/plugin-graphql',
      '@strapi/plugin-users-permissions',
    ]) {
      const { version } = requireFromCms(`${name}/package.json`) as { version: string };
      expect({ name, version }).toEqual({ name, version: PATCHED_STRAPI_VERSION });
    }
  });

  it('lists files that exist, each described in the README', () => {
    const readme = readFileSync(path.join(cmsDir, 'src/patches/README.md'), 'utf8');
    for (const { file } of STRAPI_PATCHES) {
      expect(existsSync(path.join(cmsDir, 'src', file))).toBe(true);
      expect(readme).toContain(path.basename(file));
    }
  });
});
