/**
 * Before a build with no live folder (the GitHub workflow), the live site's path history and
 * redirect map are downloaded into the files the build reads: a first deploy (neither file
 * there) builds without them; anything else that is not two valid files fails the step, so a
 * deploy never drops the redirects unnoticed.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchLiveHistory } from '../../scripts/rebuild/live-history.ts';
import { tempDir } from '../helpers/cms';

const HISTORY = JSON.stringify({ 'article:abc:sl': ['/novice/stari-naslov/', '/novice/nov-naslov/'] });
const MAP = JSON.stringify([{ from: '/2017/06/14/delavnica/', to: '/novice/nov-naslov/' }]);

/** Path -> [status, body] the fake live site answers with; anything else is 404. */
let answers: Record<string, [number, string]> = {};
let server: Server;
let siteUrl: string;
let dir: string;
let files: { pathHistoryFile: string; redirectsFile: string };

beforeAll(async () => {
  server = createServer((req, res) => {
    const [status, body] = answers[req.url ?? ''] ?? [404, '<h1>Not found</h1>'];
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = tempDir('live-history');
  files = {
    pathHistoryFile: path.join(dir, 'live', 'path-history.json'),
    redirectsFile: path.join(dir, 'live', 'redirects.json'),
  };
});
afterEach(() => {
  answers = {};
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const fetchHistory = (url = siteUrl) => fetchLiveHistory({ siteUrl: url, ...files, timeoutMs: 5000 });

describe('fetchLiveHistory', () => {
  it('writes both files as the live site publishes them, and counts what they hold', async () => {
    answers = { '/path-history.json': [200, HISTORY], '/redirects.json': [200, MAP] };
    expect(await fetchHistory(`${siteUrl}/`)).toEqual({ found: true, paths: 2, redirects: 1 });
    expect(readFileSync(files.pathHistoryFile, 'utf8')).toBe(HISTORY);
    expect(readFileSync(files.redirectsFile, 'utf8')).toBe(MAP);
  });

  it('reads the files below the site’s base path', async () => {
    answers = { '/site/path-history.json': [200, HISTORY], '/site/redirects.json': [200, MAP] };
    expect(await fetchHistory(`${siteUrl}/site`)).toMatchObject({ found: true });
  });

  it('builds without history on a first deploy (both files 404), leaving no stale file behind', async () => {
    answers = { '/path-history.json': [200, HISTORY], '/redirects.json': [200, MAP] };
    await fetchHistory();
    answers = {};
    expect(await fetchHistory()).toEqual({ found: false });
    expect(existsSync(files.pathHistoryFile)).toBe(false);
    expect(existsSync(files.redirectsFile)).toBe(false);
  });

  it('fails when only one of the two files is there', async () => {
    answers = { '/path-history.json': [200, HISTORY] };
    await expect(fetchHistory()).rejects.toThrow(/publishes path-history\.json but not redirects\.json/);
    answers = { '/redirects.json': [200, MAP] };
    await expect(fetchHistory()).rejects.toThrow(/publishes redirects\.json but not path-history\.json/);
  });

  it('fails, naming the URL and the status, when the site answers with an error', async () => {
    answers = { '/path-history.json': [200, HISTORY], '/redirects.json': [503, 'busy'] };
    await expect(fetchHistory()).rejects.toThrow(`cannot read ${siteUrl}/redirects.json: HTTP 503`);
  });

  it('fails when a file is not what a build publishes (a host answering every path with a page)', async () => {
    answers = { '/path-history.json': [200, '<!doctype html>'], '/redirects.json': [200, MAP] };
    await expect(fetchHistory()).rejects.toThrow(`Path history ${siteUrl}/path-history.json is not valid JSON`);
    answers = { '/path-history.json': [200, HISTORY], '/redirects.json': [200, '[{"from":"https://evil.example/"}]'] };
    await expect(fetchHistory()).rejects.toThrow(`${siteUrl}/redirects.json: Redirect map`);
    expect(existsSync(files.redirectsFile)).toBe(false);
  });

  it('fails, naming the URL, when the site cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(fetchHistory(`http://127.0.0.1:${port}`)).rejects.toThrow(
      `cannot read http://127.0.0.1:${port}/path-history.json`,
    );
  });
});
