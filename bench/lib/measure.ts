/**
 * What a command costs: wall time, peak resident memory of its whole process tree (the
 * command and everything it spawned, summed at each sample) and CPU time, read from /proc
 * every 100 ms. Sampling misses at most the last 100 ms of CPU of each process, and a
 * peak shorter than 100 ms; both are small against builds of seconds to minutes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startProcess, type ProcessOptions, type RunningProcess } from '../../scripts/lib/processes.ts';
import { stopOnInterrupt } from './cleanup.ts';

const PAGE_BYTES = 4096;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const SAMPLE_MS = 100;

export interface Cost {
  wallMs: number;
  peakRssBytes: number;
  /** User + system CPU of the tree; cpuMs / wallMs is the number of cores kept busy. */
  cpuMs: number;
}

interface ProcStat {
  pid: number;
  ppid: number;
  cpuTicks: number;
  rssPages: number;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: split after its last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return {
      pid: Number(pid),
      ppid: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      rssPages: Number(fields[21]),
    };
  } catch {
    return undefined; // exited between listing and reading
  }
}

/** The process `root` and all its descendants, as they are now, leaving out the subtree of `exclude`. */
export function processTree(root: number, exclude?: number): ProcStat[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const stat of all) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const tree: ProcStat[] = [];
  const queue = all.filter((s) => s.pid === root);
  while (queue.length > 0) {
    const stat = queue.shift()!;
    if (stat.pid === exclude) continue;
    tree.push(stat);
    queue.push(...(children.get(stat.pid) ?? []));
  }
  return tree;
}

const commandLine = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return ''; // exited meanwhile
  }
};

/** The first descendant of `root` whose command line contains `text` (a child process the code under test started). */
export function findDescendant(root: number, text: string): number | undefined {
  return processTree(root)
    .slice(1)
    .find((stat) => commandLine(stat.pid).includes(text))?.pid;
}

/**
 * Samples the tree under `root` (without the subtree of `exclude`) until stop() is called;
 * snapshot() tells the figures so far.
 */
export function sampleTree(root: () => number | undefined, exclude?: () => number | undefined) {
  let peakRssPages = 0;
  const cpuByPid = new Map<number, number>();
  // CPU spent before sampling began (a server that was already running) is not counted;
  // processes born later are counted from zero.
  const cpuBefore = new Map<number, number>();
  let first = true;
  const sample = () => {
    const pid = root();
    if (pid === undefined) return;
    const tree = processTree(pid, exclude?.());
    peakRssPages = Math.max(
      peakRssPages,
      tree.reduce((sum, s) => sum + s.rssPages, 0),
    );
    for (const s of tree) {
      if (first) cpuBefore.set(s.pid, s.cpuTicks);
      cpuByPid.set(s.pid, Math.max(cpuByPid.get(s.pid) ?? 0, s.cpuTicks - (cpuBefore.get(s.pid) ?? 0)));
    }
    first = false;
  };
  const timer = setInterval(sample, SAMPLE_MS);
  sample();
  const snapshot = () => {
    const ticks = [...cpuByPid.values()].reduce((a, b) => a + b, 0);
    return { peakRssBytes: peakRssPages * PAGE_BYTES, cpuMs: Math.round((ticks * 1000) / TICKS_PER_SECOND) };
  };
  return {
    snapshot() {
      sample();
      return snapshot();
    },
    stop() {
      clearInterval(timer);
      sample();
      return snapshot();
    },
  };
}

/** Starts a command, measures it to its end; onLine sees every output line. */
export async function runMeasured(
  command: string,
  args: string[],
  options: ProcessOptions & { onLine?: (line: string) => void },
): Promise<Cost & { output: string[] }> {
  const started = Date.now();
  const proc: RunningProcess = startProcess(command, args, options);
  if (options.onLine) {
    for (const stream of [proc.child.stdout!, proc.child.stderr!])
      createInterface({ input: stream }).on('line', options.onLine);
  }
  const unregister = stopOnInterrupt(proc.stop);
  const sampler = sampleTree(() => proc.child.pid);
  const code = await proc.exited;
  unregister();
  const wallMs = Date.now() - started;
  const { peakRssBytes, cpuMs } = sampler.stop();
  if (code !== 0)
    throw new Error(
      `${[command, ...args].join(' ')} failed with exit code ${code}\n${proc.output.slice(-25).join('\n')}`,
    );
  return { wallMs, peakRssBytes, cpuMs, output: proc.output };
}
