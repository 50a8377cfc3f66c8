/**
 * The W3C Nu HTML Checker (npm vnu-jar, run on the system's Java): checks built pages against
 * the HTML standard, so "valid HTML" is the standard's verdict rather than our own parser's.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

interface VnuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** The jar inside the vnu-jar package: the package's main export is its path. */
const vnuJar = () => String(createRequire(import.meta.url)('vnu-jar'));

/** Every error the checker finds in the HTML files under `dir`, as "file:line: message (extract)". */
export function htmlErrors(dir: string): Promise<string[]> {
  const args = ['-jar', vnuJar(), '--errors-only', '--format', 'json', '--skip-non-html', dir];
  return new Promise((resolve, reject) => {
    // The checker writes its report to stderr and exits with 1 when it found errors.
    execFile('java', args, { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      let report: { messages: VnuMessage[] };
      try {
        report = JSON.parse(stderr) as { messages: VnuMessage[] };
      } catch {
        reject(error ?? new Error(`vnu printed no report: ${stderr.slice(0, 500)}`));
        return;
      }
      resolve(
        report.messages.map((m) => {
          const file = m.url ? path.relative(dir, new URL(m.url).pathname) : '?';
          return `${file}:${m.lastLine ?? '?'}: ${m.message} (${(m.extract ?? '').replace(/\s+/g, ' ').slice(0, 120)})`;
        }),
      );
    });
  });
}
