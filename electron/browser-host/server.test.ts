/**
 * The browser-mode host as another program on the machine would meet it: bound to 127.0.0.1 only,
 * nothing served or answered without the run's token, no CORS headers for any origin, and only its
 * own host names (a DNS-rebinding page gets nothing).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_TOKEN_COOKIE, HOST_TOKEN_HEADER } from '../../shared/contract/security';
import type { RunningBrowserHost } from './server';
import { startBrowserHost } from './server';

let host: RunningBrowserHost;
let port: number;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = http.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as { port: number };
      server.close(() => resolve(free));
    });
  });
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(options: { method?: string; path: string; headers?: Record<string, string>; body?: string; host?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: options.host ?? '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${port}`, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

beforeAll(async () => {
  const rendererDir = mkdtempSync(path.join(tmpdir(), 'tally-host-renderer-'));
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body>app</body></html>');
  port = await freePort();
  host = await startBrowserHost({ port, rendererDir, dataDir: mkdtempSync(path.join(tmpdir(), 'tally-host-data-')), appVersion: 'test' });
});

afterAll(() => host.close());

const cors = (headers: http.IncomingHttpHeaders) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));

describe('the browser-mode host', () => {
  it('listens on 127.0.0.1 only: not on any other address of this machine', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${port}`);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    for (const address of others) {
      await expect(request({ host: address, path: '/' })).rejects.toThrow(/ECONNREFUSED/);
    }
  });

  it('serves neither the page nor any call without the run’s token', async () => {
    const page = await request({ path: '/' });
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('app');
    expect((await request({ path: `/?token=wrong-${host.token}` })).status).toBe(401);
    const call = await request({ method: 'POST', path: '/api/get-host-info', body: '' });
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({ ok: false });
    expect((await request({ method: 'POST', path: '/api/get-host-info', headers: { [HOST_TOKEN_HEADER]: 'x'.repeat(host.token.length) }, body: '' })).status).toBe(401);
    expect((await request({ path: '/api/exports/anything.xlsx', headers: { cookie: `${HOST_TOKEN_COOKIE}=${host.token}` } })).status).toBe(401);

    // With it: the address's token becomes an HTTP-only cookie, and calls carry the header.
    const entry = await request({ path: `/?token=${host.token}` });
    expect(entry.status).toBe(303);
    expect(String(entry.headers['set-cookie'])).toContain('HttpOnly');
    expect((await request({ path: '/', headers: { cookie: `${HOST_TOKEN_COOKIE}=${host.token}` } })).body).toContain('app');
    const info = await request({ method: 'POST', path: '/api/get-host-info', headers: { [HOST_TOKEN_HEADER]: host.token }, body: '' });
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { shell: 'browser' } });
  });

  it('sends no CORS headers, whatever the origin asks', async () => {
    const origin = { origin: 'http://evil.example' };
    const answers = [
      await request({ method: 'OPTIONS', path: '/api/get-host-info', headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': HOST_TOKEN_HEADER } }),
      await request({ method: 'POST', path: '/api/get-host-info', headers: { ...origin, [HOST_TOKEN_HEADER]: host.token }, body: '' }),
      await request({ path: '/', headers: { ...origin, cookie: `${HOST_TOKEN_COOKIE}=${host.token}` } }),
    ];
    for (const answer of answers) expect(cors(answer.headers)).toEqual([]);
    expect(answers[0]!.status).not.toBe(204);
    expect(answers[0]!.status).not.toBe(200);
  });

  it('answers only its own host names (a DNS-rebinding page gets nothing)', async () => {
    const rebound = await request({ path: '/', headers: { host: `evil.example:${port}`, cookie: `${HOST_TOKEN_COOKIE}=${host.token}` } });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('app');
    const call = await request({ method: 'POST', path: '/api/get-host-info', headers: { host: `evil.example:${port}`, [HOST_TOKEN_HEADER]: host.token }, body: '' });
    expect(call.status).toBe(421);
  });
});
