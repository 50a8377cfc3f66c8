import { describe, expect, it } from 'vitest';
import { REDACTED, redact, secretValues } from '../../scripts/rebuild/redact.ts';

describe('redact', () => {
  it('hides the values of environment variables named like secrets, wherever they appear', () => {
    const env = {
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI-K7MDENG',
      DEPLOY_TOKEN: 'tok_short1',
      DB_PASSWORD: 'geslo-123',
      RCLONE_CREDENTIALS: 'cred-value-99',
      PATH: '/usr/bin:/bin',
      FLAG_TOKEN: '1',
    };
    const text = 'sync: wJalrXUtnFEMI-K7MDENG rejected; tok_short1; login geslo-123 with cred-value-99 via /usr/bin';
    expect(redact(text, env)).toBe(
      `sync: ${REDACTED} rejected; ${REDACTED}; login ${REDACTED} with ${REDACTED} via /usr/bin`,
    );
    expect(secretValues(env)).not.toContain('1');
  });

  it('hides strings it is given, such as a command line', () => {
    expect(
      redact('running rsync -e "ssh -i key" site/ web:/srv now', {}, ['rsync -e "ssh -i key" site/ web:/srv']),
    ).toBe(`running ${REDACTED} now`);
  });

  it('hides Authorization and Bearer values, URL passwords and AWS access key ids', () => {
    const cases: [string, string][] = [
      ['> Authorization: Basic dXNlcjpwYXNzd29yZA==', `> Authorization: ${REDACTED}`],
      ['proxy-authorization=Digest abc', `proxy-authorization=${REDACTED}`],
      ['curl -H "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"', `curl -H "Bearer ${REDACTED}"`],
      [
        'fatal: https://deploy:hunter2@git.example/site.git not found',
        `fatal: https://${REDACTED}@git.example/site.git not found`,
      ],
      ['key id AKIAIOSFODNN7EXAMPLE is invalid', `key id ${REDACTED} is invalid`],
      ['--password=Geslo.2026 --api-key "abc def"', `--password=${REDACTED} --api-key "abc def"`],
      ['{"token": "t-1", "secret":"s-2"}', `{"token": ${REDACTED}, "secret":${REDACTED}}`],
      ['X-Rebuild-Secret: opaque-value', `X-Rebuild-Secret: ${REDACTED}`],
    ];
    for (const [text, expected] of cases) expect(redact(text, {}), text).toBe(expected);
  });

  it('hides long random-looking runs (base64, hex) but keeps paths, ids and prose', () => {
    const hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    const base64 = 'q3Xv+Lr9/0aZk2TtE8mWcN1yPbHd4sGf7uJ6oVqR5eI=';
    expect(redact(`digest ${hex} and ${base64}.`, {})).toBe(`digest ${REDACTED} and ${REDACTED}.`);
    const ordinary = [
      'build 20261128T173448Z-003 FAILED after 4.9 s',
      'ENOENT: /tmp/koper-otok-sites-relay-AbC123/builds/20261128T173448Z-003/index.html',
      'Strapi query "articles[sl] (page 1)" to http://127.0.0.1:1337/graphql failed: fetch failed (ECONNREFUSED)',
      'a-very-long-hyphenated-identifier-without-any-digits-at-all',
      'the deploy needs a Bearer token',
    ];
    for (const text of ordinary) expect(redact(text, {})).toBe(text);
  });
});
