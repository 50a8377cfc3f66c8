// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';

// The public URL of the site: canonical links, sitemap and feeds are absolute from it.
const site = process.env.SITE_URL ?? 'http://localhost:4321';

export default defineConfig({
  site,
  output: 'static',
  // The rebuild service and the tests build into their own folders; a failed build never
  // touches the folder that is being served.
  outDir: process.env.SITE_OUT_DIR ?? './dist',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [
    sitemap({
      i18n: { defaultLocale: 'sl', locales: { sl: 'sl-SI', en: 'en-GB' } },
    }),
  ],
});
