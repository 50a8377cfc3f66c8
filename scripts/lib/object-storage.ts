/**
 * A throw-away Ceph cluster with the S3 gateway (radosgw) for the integration tests and the
 * benchmarks: the same server software many self-hosted deployments run, from Debian's ceph-mon,
 * ceph-osd and radosgw packages (installed by .ci/run). It is laid out like Ceph's own
 * single-node test clusters: one monitor, one OSD on memstore (objects in memory, nothing on a
 * disk), and the gateway with the beast frontend, all on 127.0.0.1 on free ports, every file in
 * a temporary folder. stop() ends the daemons and removes the folder.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, PutBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3';
import { freePort, waitForHttp } from './net.ts';
import { startProcess, type RunningProcess } from './processes.ts';
import { s3Client, s3Env, type S3Settings } from './s3.ts';

const CEPH_BINARIES = ['/usr/bin/ceph-mon', '/usr/bin/ceph-osd', '/usr/bin/radosgw', '/usr/bin/radosgw-admin'];

export interface ObjectStorage {
  /** The S3 endpoint, e.g. http://127.0.0.1:40123. */
  endpoint: string;
  settings: S3Settings;
  /** S3_* variables for Strapi, the rebuild service and the scripts. */
  env: NodeJS.ProcessEnv;
  client: S3Client;
  /** A new bucket; `publicRead` lets anyone GET its objects (media and the static site). */
  createBucket(name: string, options?: { publicRead?: boolean }): Promise<void>;
  /** The public address of an object in a bucket (path style). */
  objectUrl(bucket: string, key: string): string;
  /** Stops only the gateway: the storage is "down" for clients, its data kept. */
  stopGateway(): Promise<void>;
  startGateway(): Promise<void>;
  stop(): Promise<void>;
}

function cephConfig(root: string, fsid: string, monPort: number, gatewayPort: number): string {
  return `[global]
fsid = ${fsid}
mon host = v1:127.0.0.1:${monPort}
public network = 127.0.0.0/8
ms bind ipv6 = false
# A private cluster on loopback; authentication between its own daemons adds nothing here.
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
# The monitor refuses to start on a nearly full disk; a test cluster holds almost nothing.
mon data avail crit = 0
run dir = ${root}/run
admin socket = ${root}/run/$name.asok
pid file = ${root}/run/$name.pid
log file = ${root}/log/$name.log
[mon]
mon data = ${root}/mon.$id
mon cluster log file = ${root}/log/cluster.log
[osd]
osd data = ${root}/osd.$id
osd objectstore = memstore
memstore device bytes = 4294967296
# On a loaded machine the OSD's own start-up requests to the monitor (device class, CRUSH
# position) can go out before its first monitor map and abort the start; the position is set
# once before the OSD starts instead.
osd class update on start = false
osd crush update on start = false
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:${gatewayPort}
rgw data = ${root}/rgw
`;
}

function ceph(configFile: string, command: string, args: string[]): string {
  try {
    return execFileSync(command, ['-c', configFile, ...args], { stdio: 'pipe', timeout: 60_000 })
      .toString()
      .trim();
  } catch (error) {
    const err = error as { stderr?: Buffer; message: string };
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${err.stderr?.toString() || err.message}`, {
      cause: error,
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A `ceph` command to the monitor. A single monitor on a loaded machine can fall back into an
 * election right after its first one; commands that reach it then fail with EPERM ("problem
 * getting command descriptions"), so those are retried for a bounded time.
 */
async function monCommand(configFile: string, args: string[]): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return ceph(configFile, '/usr/bin/ceph', args);
    } catch (error) {
      if (!/EPERM/.test((error as Error).message) || Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

function daemon(configFile: string, binary: string, args: string[]): RunningProcess {
  // -f: in the foreground, so the daemon is our child and stops with its process group.
  return startProcess(binary, ['-f', '-c', configFile, ...args], { cwd: tmpdir(), label: false });
}

export async function startObjectStorage(): Promise<ObjectStorage> {
  const absent = CEPH_BINARIES.filter((binary) => !existsSync(binary));
  if (absent.length > 0) {
    throw new Error(`${absent.join(', ')} missing: apt-get install ceph-mon ceph-osd radosgw (.ci/run does)`);
  }
  const root = mkdtempSync(path.join(tmpdir(), 'koper-otok-ceph-'));
  for (const dir of ['run', 'log', 'mon.a', 'osd.0', 'rgw']) mkdirSync(path.join(root, dir));
  const fsid = randomUUID();
  const monPort = await freePort();
  const gatewayPort = await freePort();
  const configFile = path.join(root, 'ceph.conf');
  writeFileSync(configFile, cephConfig(root, fsid, monPort, gatewayPort));

  const daemons: RunningProcess[] = [];
  let gateway: RunningProcess | undefined;
  const stopAll = async () => {
    await gateway?.stop();
    for (const running of daemons.reverse()) await running.stop();
    rmSync(root, { recursive: true, force: true });
  };

  try {
    const keyring = path.join(root, 'keyring');
    ceph(configFile, '/usr/bin/ceph-authtool', ['--create-keyring', keyring, '--gen-key', '-n', 'mon.']);
    const monmap = path.join(root, 'monmap');
    execFileSync(
      '/usr/bin/monmaptool',
      ['--create', '--addv', 'a', `v1:127.0.0.1:${monPort}`, '--fsid', fsid, monmap],
      {
        stdio: 'pipe',
      },
    );
    ceph(configFile, '/usr/bin/ceph-mon', ['--mkfs', '-i', 'a', '--monmap', monmap, '--keyring', keyring]);
    daemons.push(daemon(configFile, '/usr/bin/ceph-mon', ['-i', 'a']));

    const osdUuid = randomUUID();
    const osdId = await monCommand(configFile, ['osd', 'create', osdUuid]);
    ceph(configFile, '/usr/bin/ceph-osd', ['-i', osdId, '--mkfs', '--osd-uuid', osdUuid]);
    await monCommand(configFile, ['osd', 'crush', 'add', `osd.${osdId}`, '1.0', 'root=default', 'host=localhost']);
    daemons.push(daemon(configFile, '/usr/bin/ceph-osd', ['-i', osdId]));

    const startGateway = async () => {
      gateway = daemon(configFile, '/usr/bin/radosgw', ['-n', 'client.rgw']);
      const running = gateway;
      await waitForHttp(`http://127.0.0.1:${gatewayPort}/`, {
        timeoutMs: 120_000,
        stillRunning: () => running.child.exitCode === null,
      });
    };
    await startGateway();

    const settings: S3Settings = {
      endpoint: `http://127.0.0.1:${gatewayPort}`,
      region: 'us-east-1',
      accessKeyId: `TEST${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(20).toString('hex'),
      forcePathStyle: true,
    };
    ceph(configFile, '/usr/bin/radosgw-admin', [
      'user',
      'create',
      '--uid=koper-otok',
      '--display-name=Koper Otok tests',
      `--access-key=${settings.accessKeyId}`,
      `--secret-key=${settings.secretAccessKey}`,
    ]);
    const client = s3Client(settings);

    return {
      endpoint: settings.endpoint!,
      settings,
      env: s3Env(settings),
      client,
      async createBucket(name, options = {}) {
        await client.send(new CreateBucketCommand({ Bucket: name }));
        if (!options.publicRead) return;
        const policy = {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${name}/*`] },
          ],
        };
        await client.send(new PutBucketPolicyCommand({ Bucket: name, Policy: JSON.stringify(policy) }));
      },
      objectUrl: (bucket, key) => `${settings.endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`,
      async stopGateway() {
        await gateway?.stop();
        gateway = undefined;
      },
      startGateway,
      async stop() {
        client.destroy();
        await stopAll();
      },
    };
  } catch (error) {
    const logs = daemons.concat(gateway ? [gateway] : []).flatMap((running) => running.output.slice(-10));
    await stopAll();
    throw new Error(`the Ceph test cluster did not start: ${(error as Error).message}\n${logs.join('\n')}`, {
      cause: error,
    });
  }
}
