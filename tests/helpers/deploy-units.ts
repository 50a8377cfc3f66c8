/**
 * The production install's files (deploy/systemd/*.service, deploy/env/*.env.example) read the
 * way systemd reads them, so a test can start a service exactly as its unit would: the same
 * command, working directory, environment variables and writable folders, with the install
 * root (/srv/koper-otok) mapped to this checkout and its data/ folder to a temporary one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths.ts';

export const INSTALL_ROOT = '/srv/koper-otok';
export const INSTALL_DATA = `${INSTALL_ROOT}/data`;
export const UNITS_DIR = path.join(repoRoot, 'deploy', 'systemd');
export const ENV_EXAMPLES_DIR = path.join(repoRoot, 'deploy', 'env');

/** Section -> key -> every value given (systemd allows repeated keys such as ExecStart). */
export type UnitFile = Record<string, Record<string, string[]>>;

export function parseUnitFile(text: string): UnitFile {
  const unit: UnitFile = {};
  let section: Record<string, string[]> | null = null;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = unit[header[1]] ??= {};
      continue;
    }
    const assignment = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (!section || !assignment) throw new Error(`line ${index + 1} is neither a [Section] nor Key=value: ${raw}`);
    (section[assignment[1]] ??= []).push(assignment[2].trim());
  }
  return unit;
}

export const readUnit = (name: string): UnitFile => parseUnitFile(readFileSync(path.join(UNITS_DIR, name), 'utf8'));

/** The one value of a key; a missing or repeated key is an error in these units. */
export function unitValue(unit: UnitFile, section: string, key: string): string {
  const values = unit[section]?.[key] ?? [];
  if (values.length !== 1) throw new Error(`[${section}] ${key} is given ${values.length} times, expected once`);
  return values[0];
}

export interface EnvExample {
  /** Variables the example sets, with their example values. */
  assigned: Map<string, string>;
  /** Every variable the example names, set or commented out (`# NAME=...`). */
  named: Set<string>;
}

/** An EnvironmentFile= as systemd reads it: NAME=value lines, `#` comments, no expansion. */
export function parseEnvExample(text: string): EnvExample {
  const assigned = new Map<string, string>();
  const named = new Set<string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const commented = /^#\s*([A-Z][A-Z0-9_]*)=/.exec(line);
    if (commented) named.add(commented[1]);
    const assignment = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!assignment) continue;
    assigned.set(assignment[1], assignment[2]);
    named.add(assignment[1]);
  }
  return { assigned, named };
}

export const readEnvExample = (name: string): EnvExample =>
  parseEnvExample(readFileSync(path.join(ENV_EXAMPLES_DIR, name), 'utf8'));

/** A path of the install on this machine: data/ in `dataDir`, the rest in the checkout. */
export function localPath(installPath: string, dataDir: string): string {
  if (installPath === INSTALL_DATA || installPath.startsWith(`${INSTALL_DATA}/`))
    return dataDir + installPath.slice(INSTALL_DATA.length);
  if (installPath === INSTALL_ROOT || installPath.startsWith(`${INSTALL_ROOT}/`))
    return repoRoot + installPath.slice(INSTALL_ROOT.length);
  return installPath;
}

const installPaths = (text: string, dataDir: string) =>
  text.replace(new RegExp(`${INSTALL_ROOT}(/[^\\s"']*)?`, 'g'), (match) => localPath(match, dataDir));

export interface UnitCommand {
  command: string;
  args: string[];
  cwd: string;
  /** ReadWritePaths=: the only folders the service may write under ProtectSystem=strict. */
  writablePaths: string[];
  /** ReadOnlyPaths=: folders inside those that stay read-only. */
  readOnlyPaths: string[];
  /** EnvironmentFile=, as installed (/etc/koper-otok/...). */
  environmentFile: string;
}

const pathList = (value: string, dataDir: string) =>
  value
    .split(/\s+/)
    .filter(Boolean)
    .map((entry) => localPath(entry, dataDir));

/** How the unit starts its service, mapped to this machine. */
export function unitCommand(unit: UnitFile, dataDir: string): UnitCommand {
  const [command, ...args] = unitValue(unit, 'Service', 'ExecStart')
    .split(/\s+/)
    .map((word) => installPaths(word, dataDir));
  return {
    command,
    args,
    cwd: localPath(unitValue(unit, 'Service', 'WorkingDirectory'), dataDir),
    writablePaths: pathList(unitValue(unit, 'Service', 'ReadWritePaths'), dataDir),
    readOnlyPaths: pathList(unit.Service?.ReadOnlyPaths?.join(' ') ?? '', dataDir),
    environmentFile: unitValue(unit, 'Service', 'EnvironmentFile'),
  };
}

/**
 * The environment an example file gives its service on this machine: every variable it sets,
 * install paths mapped, and each `<placeholder>` replaced from `values`. A placeholder left
 * without a value, or a value for a variable the example does not set, is an error: the test
 * then no longer runs what the example configures.
 */
export function exampleEnvironment(
  example: EnvExample,
  dataDir: string,
  values: Record<string, string>,
): Record<string, string> {
  const unknown = Object.keys(values).filter((name) => !example.assigned.has(name));
  if (unknown.length > 0) throw new Error(`not set by the example: ${unknown.join(', ')}`);
  const env: Record<string, string> = {};
  for (const [name, exampleValue] of example.assigned) {
    const value = values[name] ?? installPaths(exampleValue, dataDir);
    if (/<[^>]*>/.test(value)) throw new Error(`${name} is a placeholder (${value}); give the test a value`);
    env[name] = value;
  }
  return env;
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/**
 * The command wrapped so that the checkout is writable only as under ProtectSystem=strict with
 * the unit's ReadWritePaths and ReadOnlyPaths: a private mount namespace (unshare, as root) with
 * read-only bind mounts, one per folder as systemd makes them, plus `alsoReadOnly` (e.g. the
 * home folder, which ProtectSystem=strict or ProtectHome=true keep read-only). Without root,
 * the plain command.
 */
export function withReadOnlyInstall(
  unit: UnitCommand,
  alsoReadOnly: string[] = [],
): { command: string; args: string[] } {
  if (process.getuid?.() !== 0) return { command: unit.command, args: unit.args };
  const inCheckout = (dir: string) => dir === repoRoot || dir.startsWith(`${repoRoot}/`);
  const bind = (dir: string) => `mount --bind ${shellQuote(dir)} ${shellQuote(dir)}`;
  const readOnly = (dir: string) => `mount -o remount,ro,bind ${shellQuote(dir)}`;
  const wholeCheckoutWritable = unit.writablePaths.includes(repoRoot);
  const script = [
    'set -e',
    ...(wholeCheckoutWritable
      ? []
      : [
          ...unit.writablePaths.filter(inCheckout).map(bind),
          `mount --rbind ${shellQuote(repoRoot)} ${shellQuote(repoRoot)}`,
          readOnly(repoRoot),
        ]),
    ...[...unit.readOnlyPaths.filter(inCheckout), ...alsoReadOnly].flatMap((dir) => [bind(dir), readOnly(dir)]),
    // The working directory was entered before the mounts; enter it again through them.
    'cd "$PWD"',
    'exec "$@"',
  ].join('\n');
  return {
    command: 'unshare',
    args: ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', unit.command, ...unit.args],
  };
}
