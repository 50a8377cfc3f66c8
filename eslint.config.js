// One lint configuration for every workspace: typescript-eslint for .ts/.tsx/.mjs,
// eslint-plugin-astro for .astro templates, and eslint-config-prettier last so that
// formatting is Prettier's job alone.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'cms/dist/',
      'cms/build/',
      'cms/.strapi/',
      'cms/.cache/',
      'cms/.tmp/',
      'cms/types/generated/',
      'site/.astro/',
      'site/dist-preview/',
      'site/.builds/',
      'data/',
      '.test-artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // An unused argument often documents a callback's signature; a leading underscore says so.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['cms/src/admin/**/*.{ts,tsx}', 'site/src/**/*.astro'],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
