/**
 * The content model lives once, in content-types/schemas/*.json. This script derives
 * everything else from it:
 *   - cms/src/api/<type>/content-types/<type>/schema.json (what Strapi loads; git-ignored), and
 *   - content-types/generated/types.ts (the TypeScript types site/ and scripts/ import; committed,
 *     and a unit test fails if it is stale).
 * It runs before every Strapi build, and with --check before the tests.
 */
import { writeFileSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { derivedContentModelFiles } from './lib/content-model.ts';
import { contentTypesDir } from './lib/paths.ts';

// --check: committed derived files (content-types/generated/) must already be current; the
// git-ignored Strapi copies are written as usual. Tests run this way, so a stale commit fails.
const check = process.argv.includes('--check');
let written = 0;
for (const [file, content] of derivedContentModelFiles()) {
  if (existsSync(file) && readFileSync(file, 'utf8') === content) continue;
  if (check && file.startsWith(contentTypesDir)) {
    console.error(
      `content-types: ${path.relative(process.cwd(), file)} is out of date with content-types/schemas/.\n  Run \`npm run sync:content-types\` and commit the result.`,
    );
    process.exit(1);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  written += 1;
  console.log(`content-types: wrote ${path.relative(process.cwd(), file)}`);
}
if (written === 0) console.log('content-types: derived files are up to date');
