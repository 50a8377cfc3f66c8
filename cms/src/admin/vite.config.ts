/**
 * Extends Strapi's Vite config for the admin bundle with one thing: Slovenian in the list of
 * interface languages (see language-native-names.ts). Strapi's StrapiApp.mjs imports that list
 * as './translations/languageNativeNames.mjs'; the first alias swaps it for ours, which reads
 * Strapi's original through the second alias. `npm run screenshots:admin` checks the result in
 * a built admin (the login page offers Slovenščina and the editor's screens show Slovenian).
 */
import path from 'node:path';

type Alias = { find: string | RegExp; replacement: string };
type ViteConfig = { resolve?: { alias?: Alias[] | Record<string, string> } } & Record<string, unknown>;

const strapiAdminDir = path.dirname(require.resolve('@strapi/admin/package.json'));
const strapiLanguageNames = path.join(
  strapiAdminDir,
  'dist',
  'admin',
  'admin',
  'src',
  'translations',
  'languageNativeNames.mjs',
);

const languageAliases: Alias[] = [
  {
    find: /^\.\/translations\/languageNativeNames\.mjs$/,
    replacement: path.join(__dirname, 'language-native-names.ts'),
  },
  { find: 'strapi-admin-language-native-names', replacement: strapiLanguageNames },
];

// Strapi passes its aliases as an object; Vite also accepts a list, which regex aliases need.
const asAliasList = (alias: Alias[] | Record<string, string> = []): Alias[] =>
  Array.isArray(alias) ? alias : Object.entries(alias).map(([find, replacement]) => ({ find, replacement }));

export default (config: ViteConfig): ViteConfig => ({
  ...config,
  resolve: { ...config.resolve, alias: [...languageAliases, ...asAliasList(config.resolve?.alias)] },
});
