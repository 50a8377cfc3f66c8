/**
 * Hides what looks like a secret in text that reaches /status or the log (build and deploy
 * errors, command output): the values of secret-named environment variables, Authorization and
 * Bearer values, passwords in URLs, AWS access key ids, `token=...`-style assignments and long
 * random-looking runs. A heuristic: it errs towards hiding too much.
 */
export const REDACTED = '[redacted]';

/** Environment variables whose values are treated as secrets, by name. */
const SECRET_NAME = /SECRET|TOKEN|KEY|PASSWORD|PASSWD|CREDENTIAL/i;
/** Shorter values ("1", "true") would turn ordinary words into [redacted]. */
const MIN_SECRET_VALUE_LENGTH = 6;

const PATTERNS: [RegExp, string][] = [
  // Authorization: Basic dXNlcjpwYXNz / Proxy-Authorization: ... (the whole value, to the end of the line)
  [/\b((?:proxy-)?authorization\s*[:=]\s*)[^\r\n]+/gi, `$1${REDACTED}`],
  [/\b(bearer\s+)[\w.~+/=-]{8,}/gi, `$1${REDACTED}`],
  // https://user:password@host
  [/(\/\/)[^\s/@:]+:[^\s/@]+@/g, `$1${REDACTED}@`],
  // AWS access key ids (long-term AKIA, temporary ASIA)
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, REDACTED],
  // api_key=..., --password "...", X-Rebuild-Secret: ..., "token": "..."
  [
    /\b([\w-]*(?:secret|token|password|passwd|api[_-]?key|access[_-]?key|credentials?)[\w-]*"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;]+)/gi,
    `$1${REDACTED}`,
  ],
];

// Long base64, base64url or hex runs with letters and digits; a run starting with "/" is a path.
const LONG_RANDOM_RUN = /(?<![\w+/=-])[\w+/=-]{32,}/g;
const looksRandom = (run: string) => !run.startsWith('/') && /\d/.test(run) && /[a-z]/i.test(run);

/** Values of secret-named variables in `env`, longest first so no longer secret is left half hidden. */
export function secretValues(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length >= MIN_SECRET_VALUE_LENGTH)
    .map(([, value]) => value!)
    .sort((a, b) => b.length - a.length);
}

/**
 * `text` with everything that looks like a secret replaced by [redacted]. `known` adds strings
 * to hide wherever they appear (such as a command line that may carry credentials).
 */
export function redact(
  text: string,
  env: Record<string, string | undefined> = process.env,
  known: string[] = [],
): string {
  let result = text;
  for (const value of [...known.filter((value) => value.length >= MIN_SECRET_VALUE_LENGTH), ...secretValues(env)])
    result = result.split(value).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result.replace(LONG_RANDOM_RUN, (run) => (looksRandom(run) ? REDACTED : run));
}
