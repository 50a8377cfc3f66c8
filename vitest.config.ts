import { defineConfig } from 'vitest/config';

// One `vitest run` over the whole repository, in two projects:
//   unit         pure rules and small modules, with fixtures; fast and parallel
//   integration  real Strapi processes on free ports and temporary folders, real Astro builds;
//                one file at a time, because each file boots its own Strapi (about 300 MB)
//   (tests/e2e runs in the integration project: the built site in Debian's Chromium (playwright-core): pages, keyboard,
//                search, accessibility (axe), feeds, calendars, links, screenshots)
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
