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

/** A workflow of this repository, or of another checkout of it (`root`, e.g. a clean clone). */
export function readWorkflow(file: string, root = repoRoot): Workflow {
  return parse(readFileSync(path.join(root, '.github', 'workflows', file), 'utf8')) as Workflow;
}

/** The `run` commands of a job's steps, in order, trimmed. */
export const runCommands = (job: WorkflowJob): string[] =>
  job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run.trim()]));

/** The actions a job's steps use, in order ("actions/checkout@v4"). */
export const usedActions = (job: WorkflowJob): string[] =>
  job.steps.flatMap((step) => (step.uses === undefined ? [] : [step.uses]));

/** The npm script a command runs ("npm run lint" -> "lint"), or null. */
export const npmScriptOf = (command: string): string | null => /^npm run ([\w:-]+)$/.exec(command)?.[1] ?? null;

/**
 * The values a test gives the `${{ ... }}` expressions: "secrets.X" and "vars.X" default to an
 * empty string, as on GitHub when a setting is missing; any other name must be given.
 */
export type ExpressionValues = Record<string, string>;

function expressionValue(name: string, values: ExpressionValues): string {
  if (name in values) return values[name];
  if (/^(secrets|vars)\.\w+$/.test(name)) return '';
  throw new Error(`the test gives no value for \${{ ${name} }}`);
}

/**
 * Substitutes a workflow's `${{ ... }}` expressions: a context value, or `a || b` (the first
 * that is not empty). Anything else throws, so a new kind of expression cannot be run wrongly.
 */
export function expandExpressions(text: string, values: ExpressionValues): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const names = expression.split('||').map((name) => name.trim());
    if (!names.every((name) => /^[\w.-]+$/.test(name))) throw new Error(`unsupported expression \${{ ${expression} }}`);
    return names.map((name) => expressionValue(name, values)).find((value) => value !== '') ?? '';
  });
}

/** The environment one step runs with: the workflow's, the job's and the step's own, expanded. */
export function stepEnv(workflow: Workflow, job: WorkflowJob, step: WorkflowStep, values: ExpressionValues) {
  const merged = { ...workflow.env, ...job.env, ...step.env };
  return Object.fromEntries(
    Object.entries(merged).map(([name, value]) => [name, expandExpressions(String(value), values)]),
  );
}

/** The arguments GitHub runs a `run:` script with on Linux (its default shell). */
export const runnerShell = (script: string) =>
  ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script]] as const;
