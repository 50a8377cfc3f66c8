/**
 * Child processes that can be stopped for real: each runs in its own process group, so
 * stopping it also stops what it spawned (npx-style wrappers, Strapi's own children).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { binDir } from './paths.ts';

export interface ProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Prefix for each output line; `false` keeps the output silent (still kept in `output`). */
  label?: string | false;
  /** Aborting stops the process (and its group), e.g. a build cut short by shutdown. */
  signal?: AbortSignal;
  /** Opens Node's IPC channel to the child (a Node script): child.send() and 'message'. */
  ipc?: boolean;
}

export interface RunningProcess {
  child: ChildProcess;
  /** The last lines the process printed, for error messages. */
  output: string[];
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** PATH with the repository's pinned Node first, so children never run on the system Node. */
const pinnedEnv = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  ...env,
  PATH: `${binDir}:${process.env.PATH ?? ''}`,
  ASTRO_TELEMETRY_DISABLED: '1',
  STRAPI_TELEMETRY_DISABLED: 'true',
});

export function startProcess(command: string, args: string[], options: ProcessOptions): RunningProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: pinnedEnv(options.env),
    detached: true,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (output.length > 200) output.shift();
      if (options.label !== false) console.log(options.label ? `[${options.label}] ${line}` : line);
    });
  }
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.on('error', () => resolve(-1));
  });

  async function stop(): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
    };
    signalGroup('SIGTERM');
    const timer = setTimeout(() => signalGroup('SIGKILL'), 8000);
    await exited;
    clearTimeout(timer);
  }

  if (options.signal) {
    const onAbort = () => void stop();
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
    void exited.then(() => options.signal!.removeEventListener('abort', onAbort));
  }

  return { child, output, exited, stop };
}

/** Runs a command to completion; rejects with its last output lines if it fails. */
export async function runProcess(command: string, args: string[], options: ProcessOptions): Promise<void> {
  const proc = startProcess(command, args, options);
  const code = await proc.exited;
  if (options.signal?.aborted)
    throw new Error(`${[command, ...args].join(' ')} was stopped: ${String(options.signal.reason ?? 'aborted')}`);
  if (code !== 0) {
    const tail = proc.output.slice(-25).join('\n');
    throw new Error(`${[command, ...args].join(' ')} failed with exit code ${code}\n${tail}`);
  }
}
