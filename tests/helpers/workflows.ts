/** The GitHub Actions workflows of .github/workflows/, parsed, for tests that check what CI runs. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../scripts/lib/paths.ts';

export interface WorkflowStep {
  name?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  if?: string;
  env?: Record<string, string>;
  run?: string;
}

export interface WorkflowJob {
  if?: string;
  needs?: string | string[];
  'runs-on': string;
  container?: string | { image: string };
  env?: Record<string, string>;
  steps: WorkflowStep[];
}

export interface Workflow {
  name: string;
  /** Trigger name -> its filters (null when the trigger has none). */
  on: Record<string, Record<string, string[]> | null>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  env?: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

export function readWorkflow(file: string): Workflow {
  return parse(readFileSync(path.join(repoRoot, '.github', 'workflows', file), 'utf8')) as Workflow;
}

/** The `run` commands of a job's steps, in order, trimmed. */
export const runCommands = (job: WorkflowJob): string[] =>
  job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run.trim()]));

/** The actions a job's steps use, in order ("actions/checkout@v4"). */
export const usedActions = (job: WorkflowJob): string[] =>
  job.steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]));

/** The npm script a command runs ("npm run lint" -> "lint"), or null. */
export const npmScriptOf = (command: string): string | null => /^npm run ([\w:-]+)$/.exec(command)?.[1] ?? null;
