/**
 * The production install's systemd units (deploy/systemd/) and environment examples
 * (deploy/env/): they run what the npm scripts run, on the pinned Node, as the dedicated user,
 * hardened, with every variable docs/operations.md documents, and consistent with each other
 * and with nginx's configuration. tests/integration/production-stack.test.ts starts the
 * services from these same files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmsDir, repoRoot } from '../../scripts/lib/paths.ts';
import {
  INSTALL_DATA,
  INSTALL_ROOT,
  UNITS_DIR,
  parseEnvExample,
  parseUnitFile,
  readEnvExample,
  readUnit,
  unitCommand,
  unitValue,
  type UnitFile,
} from '../helpers/deploy-units';

const SERVICES = {
  cms: { unit: 'koper-otok-cms.service', example: 'cms.env.example', environmentFile: '/etc/koper-otok/cms.env' },
  rebuild: {
    unit: 'koper-otok-rebuild.service',
    example: 'rebuild.env.example',
    environmentFile: '/etc/koper-otok/rebuild.env',
  },
} as const;
const NODE = `${INSTALL_ROOT}/node_modules/.bin/node`;
const packageJson = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
const words = (unit: UnitFile, section: string, key: string) => (unit[section]?.[key] ?? []).join(' ').split(/\s+/);
const inside = (file: string, dir: string) => file === dir || file.startsWith(`${dir}/`);

/** The variables named in the first column of a table under `heading` in docs/operations.md. */
function documentedVariables(heading: string): string[] {
  const docs = readFileSync(path.join(repoRoot, 'docs', 'operations.md'), 'utf8');
  const start = docs.indexOf(`\n${heading}\n`);
  expect(start, `heading "${heading}" in docs/operations.md`).toBeGreaterThan(-1);
  const section = docs.slice(start + heading.length + 2).split(/\n#{1,3} /)[0];
  const firstCells = section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|')[1]);
  return firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]*)(?:=[^`]*)?`/g)].map((m) => m[1]));
}

describe('parsing', () => {
  it('reads units section by section, keeps repeated keys, and refuses lines outside a section', () => {
    const unit = parseUnitFile('# c\n[Service]\nExecStart=/bin/a x\nExecStart=/bin/b\n\n[Install]\nWantedBy=m\n');
    expect(unit).toEqual({ Service: { ExecStart: ['/bin/a x', '/bin/b'] }, Install: { WantedBy: ['m'] } });
    expect(() => unitValue(unit, 'Service', 'ExecStart')).toThrow('given 2 times');
    expect(() => parseUnitFile('User=x\n')).toThrow('line 1');
  });

  it('reads environment files with set and commented-out variables', () => {
    const example = parseEnvExample('A=1\n# B=\n# a comment, not C=\nD=x=y\n');
    expect([...example.assigned]).toEqual([
      ['A', '1'],
      ['D', 'x=y'],
    ]);
    expect([...example.named].sort()).toEqual(['A', 'B', 'D']);
  });
});

describe.each(Object.entries(SERVICES))('%s unit', (_name, service) => {
  const unit = readUnit(service.unit);

  it('runs on the pinned Node as the dedicated koper-otok user with its environment file', () => {
    expect(unitValue(unit, 'Service', 'User')).toBe('koper-otok');
    expect(unitValue(unit, 'Service', 'Group')).toBe('koper-otok');
    expect(unitValue(unit, 'Service', 'EnvironmentFile')).toBe(service.environmentFile);
    expect(unitValue(unit, 'Service', 'ExecStart').split(/\s+/)[0]).toBe(NODE);
    expect(unitValue(unit, 'Install', 'WantedBy')).toBe('multi-user.target');
  });

  it('restarts on failure, with a pause and a limit', () => {
    expect(unitValue(unit, 'Service', 'Restart')).toBe('on-failure');
    expect(Number(unitValue(unit, 'Service', 'RestartSec'))).toBeGreaterThan(0);
    expect(Number(unitValue(unit, 'Unit', 'StartLimitBurst'))).toBeGreaterThan(0);
  });

  it('is hardened: no new privileges, read-only system and home, private /tmp, only data/ writable', () => {
    for (const [key, value] of Object.entries({
      NoNewPrivileges: 'true',
      ProtectSystem: 'strict',
      ProtectHome: 'true',
      PrivateTmp: 'true',
      PrivateDevices: 'true',
      CapabilityBoundingSet: '',
    }))
      expect(unitValue(unit, 'Service', key), key).toBe(value);
    expect(words(unit, 'Service', 'ReadWritePaths').some((dir) => inside(INSTALL_DATA, dir))).toBe(true);
  });

  it('keeps the code read-only whenever the install folder itself is writable', () => {
    if (!words(unit, 'Service', 'ReadWritePaths').includes(INSTALL_ROOT)) return;
    const readOnly = words(unit, 'Service', 'ReadOnlyPaths');
    for (const code of ['node_modules', 'cms', 'content-types', 'scripts', 'site/src'])
      expect(readOnly).toContain(`${INSTALL_ROOT}/${code}`);
    for (const dir of readOnly) expect(existsSync(dir.replace(INSTALL_ROOT, repoRoot)), dir).toBe(true);
  });

  it('writes its files (from the example) only where the unit allows', () => {
    const writable = words(unit, 'Service', 'ReadWritePaths');
    const example = readEnvExample(service.example);
    const files = ['PUBLIC_DIR', 'BUILD_TOKEN_FILE', 'SITES_DIR']
      .map((name) => example.assigned.get(name))
      .filter((value) => value !== undefined);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(writable.some((dir) => inside(file, dir))).toBe(true);
  });

  it('starts after the network and what it needs', () => {
    const needs = service.unit === SERVICES.cms.unit ? 'postgresql.service' : SERVICES.cms.unit;
    for (const key of ['After', 'Wants']) {
      expect(words(unit, 'Unit', key)).toContain('network-online.target');
      expect(words(unit, 'Unit', key)).toContain(needs);
    }
  });
});

describe('what the units run', () => {
  it('Strapi: `strapi start` from cms/, as `npm start -w cms` does', () => {
    const unit = readUnit(SERVICES.cms.unit);
    expect(packageJson(cmsDir).scripts.start).toBe('strapi start');
    const strapiPackage = path.join(repoRoot, 'node_modules', '@strapi', 'strapi');
    // A package with one command gives `bin` as a string, else as { name: file }.
    const bin = packageJson(strapiPackage).bin;
    const strapiBin = path.join(INSTALL_ROOT, 'node_modules', '@strapi', 'strapi', bin.strapi ?? bin);
    expect(unitValue(unit, 'Service', 'ExecStart')).toBe(`${NODE} ${path.normalize(strapiBin)} start`);
    expect(unitValue(unit, 'Service', 'WorkingDirectory')).toBe(`${INSTALL_ROOT}/cms`);
  });

  it('the rebuild service: the script of `npm run rebuild`, from the install folder', () => {
    const unit = readUnit(SERVICES.rebuild.unit);
    const [runner, script] = packageJson(repoRoot).scripts.rebuild.split(' ');
    expect(runner).toBe('node');
    expect(unitValue(unit, 'Service', 'ExecStart')).toBe(`${NODE} ${INSTALL_ROOT}/${script}`);
    expect(unitValue(unit, 'Service', 'WorkingDirectory')).toBe(INSTALL_ROOT);
  });

  it("the nightly backup: the script of `npm run backup` as koper-otok, with Strapi's settings, from a timer", () => {
    const unit = readUnit('koper-otok-backup.service');
    const [runner, script] = packageJson(repoRoot).scripts.backup.split(' ');
    expect(runner).toBe('node');
    expect(unitValue(unit, 'Service', 'ExecStart')).toBe(`${NODE} ${INSTALL_ROOT}/${script}`);
    expect(unitValue(unit, 'Service', 'User')).toBe('koper-otok');
    expect(unitValue(unit, 'Service', 'EnvironmentFile')).toBe(SERVICES.cms.environmentFile);
    expect(unitValue(unit, 'Service', 'ReadWritePaths')).toBe(INSTALL_DATA);
    expect(unitValue(readUnit('koper-otok-backup.timer'), 'Timer', 'OnCalendar')).toMatch(/\d\d:\d\d/);
  });

  it('node_modules/.bin/node, the Node package.json pins', () => {
    const pinned = packageJson(repoRoot).devDependencies.node;
    const version = execFileSync(path.join(repoRoot, 'node_modules', '.bin', 'node'), ['--version']).toString();
    expect(version.trim()).toBe(`v${pinned}`);
  });

  it('files that exist in this checkout, mapped as the production-stack test maps them', () => {
    for (const service of Object.values(SERVICES)) {
      const command = unitCommand(readUnit(service.unit), '/unused-data');
      for (const file of [command.command, ...command.args.filter((arg) => arg.startsWith('/')), command.cwd])
        expect(existsSync(file), file).toBe(true);
    }
  });
});

describe('environment examples', () => {
  const cms = readEnvExample(SERVICES.cms.example);
  const rebuild = readEnvExample(SERVICES.rebuild.example);
  // The rebuild service sets these for each build itself.
  const setPerBuild = ['SITE_OUT_DIR', 'SITE_PATH_HISTORY'];

  it("name every variable of docs/operations.md's tables", () => {
    const strapi = documentedVariables('### Strapi (`cms/`)');
    const siteBuild = documentedVariables('### The site build (`npm run build:site`)');
    const rebuildService = documentedVariables('### The rebuild service (`npm run rebuild`)');
    expect(strapi).toContain('REBUILD_WEBHOOK_SECRET');
    expect(siteBuild).toContain('MEDIA_URL');
    expect(rebuildService).toContain('SERVE_SITE');
    expect(strapi.filter((name) => !cms.named.has(name))).toEqual([]);
    expect(
      [...siteBuild, ...rebuildService].filter((name) => !rebuild.named.has(name) && !setPerBuild.includes(name)),
    ).toEqual([]);
  });

  it('set production defaults: production mode, PostgreSQL, no demo content, nginx serving the site', () => {
    expect(cms.assigned.get('NODE_ENV')).toBe('production');
    expect(cms.assigned.get('DATABASE_CLIENT')).toBe('postgres');
    expect(cms.assigned.get('SEED_DEMO')).toBe('false');
    expect(cms.assigned.get('HOST')).toBe('127.0.0.1');
    expect(rebuild.assigned.get('SERVE_SITE')).toBe('false');
    expect(rebuild.assigned.get('REBUILD_HOST')).toBe('127.0.0.1');
    expect(rebuild.assigned.get('REBUILD_STATUS_HOST')).toBe('127.0.0.1');
  });

  it('hold no secrets: each is a placeholder with a hint', () => {
    const secrets = [
      ...['APP_KEYS', 'API_TOKEN_SALT', 'ADMIN_JWT_SECRET', 'TRANSFER_TOKEN_SALT', 'JWT_SECRET', 'ENCRYPTION_KEY'],
      ...['ADMIN_PASSWORD', 'REBUILD_WEBHOOK_SECRET', 'DATABASE_URL'],
    ];
    for (const name of secrets) expect(cms.assigned.get(name), name).toMatch(/<[^>]+>/);
    expect(rebuild.assigned.get('REBUILD_WEBHOOK_SECRET')).toMatch(/<[^>]+>/);
  });

  it('agree with each other: the webhook address, Strapi address and the token file', () => {
    expect(cms.assigned.get('REBUILD_WEBHOOK_URL')).toBe(
      `http://${rebuild.assigned.get('REBUILD_HOST')}:${rebuild.assigned.get('REBUILD_PORT')}/webhook`,
    );
    expect(rebuild.assigned.get('STRAPI_URL')).toBe(`http://${cms.assigned.get('HOST')}:${cms.assigned.get('PORT')}`);
    expect(rebuild.assigned.get('STRAPI_TOKEN_FILE')).toBe(cms.assigned.get('BUILD_TOKEN_FILE'));
    expect(rebuild.assigned.get('REBUILD_ALLOWED_IPS')).toBe(cms.assigned.get('HOST'));
  });

  it("agree with nginx's root and with the stamp the reload path unit watches", () => {
    const sitesDir = rebuild.assigned.get('SITES_DIR');
    const nginx = readFileSync(path.join(repoRoot, 'deploy', 'nginx', 'koper-otok.conf'), 'utf8');
    expect(nginx).toContain(`root ${sitesDir}/live;`);
    const watched = unitValue(readUnit('koper-otok-nginx-reload.path'), 'Path', 'PathChanged');
    expect(path.dirname(watched)).toBe(sitesDir);
    expect(rebuild.assigned.get('DEPLOY_COMMAND')).toMatch(new RegExp(`> ${watched}$`));
    expect(unitValue(readUnit('koper-otok-nginx-reload.path'), 'Path', 'Unit')).toBe('koper-otok-nginx-reload.service');
    expect(readUnit('koper-otok-nginx-reload.service').Service.ExecStart).toEqual([
      '/usr/sbin/nginx -t -q',
      '/usr/bin/systemctl reload nginx',
    ]);
  });
});

// systemd's own checker, where systemd is installed: unknown keys, bad values, missing binaries.
const systemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;
describe.runIf(systemdAnalyze)('systemd-analyze verify', () => {
  it('finds nothing to complain about in the units (install folder mapped to this checkout)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'koper-otok-units-'));
    try {
      const units = readdirSync(UNITS_DIR);
      for (const name of units)
        writeFileSync(
          path.join(dir, name),
          readFileSync(path.join(UNITS_DIR, name), 'utf8').replaceAll(INSTALL_ROOT, repoRoot),
        );
      const result = spawnSync('systemd-analyze', ['verify', ...units.map((name) => path.join(dir, name))], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(result.stderr.trim()).toBe('');
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
