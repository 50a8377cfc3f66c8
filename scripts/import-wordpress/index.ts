/**
 * `npm run import:wordpress -- --file export.xml [options]`: imports a WordPress export into Strapi.
 * See docs/wordpress-import.md. Progress goes to stderr, the report to stdout.
 * Exit code 0 when every importable post is in Strapi, 1 when the file is broken, Strapi cannot
 * be used, or any article failed, 2 for a usage error.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_STRAPI_URL, readStrapiUrl } from '../../site/src/lib/env.ts';
import { repoRoot } from '../lib/paths.ts';
import { runImport, type ImportProgress } from './import.ts';
import { formatProgress, formatReport } from './report.ts';

const USAGE = `Usage: npm run import:wordpress -- --file <export.xml> [options]

  --file <path>         the WordPress export (Tools → Export, WXR XML)            (required)
  --uploads <dir>       local copy of the old site's wp-content/uploads folder
  --strapi <url>        Strapi's address (default $STRAPI_URL or ${DEFAULT_STRAPI_URL})
  --token <token>       a full-access API token (default $IMPORT_STRAPI_TOKEN)
  --media-url <url>     base for media URLs written into article bodies (default: --strapi)
  --redirects <path>    where to write the redirect map (default data/redirects.json)
  --concurrency <n>     articles written at the same time (default 4)
  --dry-run             report what would change; write nothing
  --help                this text
`;

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      file: { type: 'string' },
      uploads: { type: 'string' },
      strapi: { type: 'string' },
      token: { type: 'string' },
      'media-url': { type: 'string' },
      redirects: { type: 'string' },
      concurrency: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  return values;
}

/** Progress on one rewritten line on a terminal; every 10 % as plain lines in logs. */
function progressPrinter(): (progress: ImportProgress) => void {
  let lastDecile = -1;
  return (progress) => {
    if (process.stderr.isTTY) {
      process.stderr.write(
        `\r${formatProgress(progress).padEnd(process.stderr.columns ? process.stderr.columns - 1 : 0)}`,
      );
      if (progress.done === progress.total) process.stderr.write('\n');
      return;
    }
    const decile = Math.floor((progress.done / progress.total) * 10);
    if (decile !== lastDecile) {
      lastDecile = decile;
      process.stderr.write(`${formatProgress(progress)}\n`);
    }
  };
}

function fail(message: string, code: number): never {
  process.stderr.write(`\n${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions(process.argv.slice(2));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!values.file) fail(`--file is required.\n\n${USAGE}`, 2);
  const token = values.token ?? process.env.IMPORT_STRAPI_TOKEN;
  if (!token)
    fail(
      'An API token is required: pass --token or set IMPORT_STRAPI_TOKEN (Strapi admin → Settings → API Tokens, type "Full access").',
      2,
    );
  const concurrency = Number(values.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    fail(`--concurrency must be a positive whole number, got "${values.concurrency}".`, 2);

  const report = await runImport({
    file: path.resolve(values.file),
    uploadsDir: values.uploads ? path.resolve(values.uploads) : null,
    strapiUrl: values.strapi ?? readStrapiUrl(),
    token,
    mediaBaseUrl: values['media-url'],
    redirectsFile: path.resolve(values.redirects ?? path.join(repoRoot, 'data', 'redirects.json')),
    dryRun: values['dry-run'],
    concurrency,
    onProgress: progressPrinter(),
  });
  process.stdout.write(formatReport(report));
  if (report.counts.failed > 0) process.exitCode = 1;
}

main().catch((error: Error) => fail(`WordPress import failed: ${error.message}`, 1));
