/**
 * The browser-mode host as another program on the machine would meet it: bound to 127.0.0.1 only,
 * no call answered without a session token, which only a one-time launch code (dead after one use
 * and after two minutes) can get; no cookie; a page shell with no data in it; no CORS headers for
 * any origin, and only its own host names (a DNS-rebinding page gets nothing).
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_LAUNCH_HEADER, HOST_SESSION_PATH, HOST_TOKEN_HEADER, LAUNCH_CODE_PARAM, STYLE_NONCE_META, STYLE_NONCE_PLACEHOLDER } from '../../shared/contract/security';
import type { RunningBrowserHost } from './server';
import { LAUNCH_CODE_TTL_MS, startBrowserHost } from './server';

let host: RunningBrowserHost;
let port: number;
let clock = Date.now();
/** A session token got the way the page gets one: the launch code of a fresh address, exchanged once. */
let token: string;

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
  writeFileSync(path.join(rendererDir, 'index.html'), `<!doctype html><html><head><meta name="${STYLE_NONCE_META}" content="${STYLE_NONCE_PLACEHOLDER}"><title>t</title></head><body>app</body></html>`);
  port = await freePort();
  host = await startBrowserHost({ port, rendererDir, dataDir: mkdtempSync(path.join(tmpdir(), 'tally-host-data-')), appVersion: 'test', now: () => clock });
  token = await exchange(launchCode(host.newLaunchUrl()));
});

function launchCode(url: string): string {
  return new URL(url).searchParams.get(LAUNCH_CODE_PARAM) ?? '';
}

async function exchange(code: string): Promise<string> {
  const answer = await request({ method: 'POST', path: HOST_SESSION_PATH, headers: { [HOST_LAUNCH_HEADER]: code } });
  return answer.status === 200 ? (JSON.parse(answer.body) as { value: { token: string } }).value.token : `refused:${answer.status}`;
}

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

  it('answers no call without a session token, and sets no cookie', async () => {
    const call = await request({ method: 'POST', path: '/api/get-host-info', body: '' });
    expect(call.status).toBe(401);
    expect(JSON.parse(call.body)).toMatchObject({ ok: false });
    expect((await request({ method: 'POST', path: '/api/get-host-info', headers: { [HOST_TOKEN_HEADER]: 'x'.repeat(token.length) }, body: '' })).status).toBe(401);
    expect((await request({ path: '/api/exports/anything.xlsx' })).status).toBe(401);
    // The launch code itself is no session token.
    const code = launchCode(host.newLaunchUrl());
    expect((await request({ method: 'POST', path: '/api/get-host-info', headers: { [HOST_TOKEN_HEADER]: code }, body: '' })).status).toBe(401);

    const info = await request({ method: 'POST', path: '/api/get-host-info', headers: { [HOST_TOKEN_HEADER]: token }, body: '' });
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { shell: 'browser' } });
    // The page shell is served to anyone, and holds neither a token nor data.
    const page = await request({ path: `/?${LAUNCH_CODE_PARAM}=${code}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('app');
    expect(page.body).not.toContain(token);
    expect(page.body).not.toContain(code);
    for (const answer of [page, info]) expect(answer.headers['set-cookie']).toBeUndefined();
    // The start page carries a style nonce of its own, the same in its meta tag and its policy, never
    // 'unsafe-inline'; the next load has another one.
    const nonce = /content="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(nonce).not.toBe(STYLE_NONCE_PLACEHOLDER);
    expect(page.headers['content-security-policy']).toContain(`style-src 'self' 'nonce-${nonce}'`);
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    const reload = await request({ path: `/?${LAUNCH_CODE_PARAM}=${code}` });
    expect(/content="([^"]+)"/.exec(reload.body)?.[1]).not.toBe(nonce);
  });

  it('exchanges a launch code once only, and not after two minutes or once a newer code is out', async () => {
    const code = launchCode(host.newLaunchUrl());
    const first = await exchange(code);
    expect(first).not.toMatch(/^refused/);
    expect(await exchange(code)).toBe('refused:401');
    expect((await request({ method: 'GET', path: HOST_SESSION_PATH, headers: { [HOST_LAUNCH_HEADER]: code } })).status).toBe(405);

    const late = launchCode(host.newLaunchUrl());
    clock += LAUNCH_CODE_TTL_MS + 1;
    expect(await exchange(late)).toBe('refused:401');

    const replaced = launchCode(host.newLaunchUrl());
    const newest = launchCode(host.newLaunchUrl());
    expect(await exchange(replaced)).toBe('refused:401');
    expect(await exchange(`${newest}x`)).toBe('refused:401');
    expect(await exchange(newest)).not.toMatch(/^refused/);
    // Sessions made earlier keep working.
    const info = await request({ method: 'POST', path: '/api/get-host-info', headers: { [HOST_TOKEN_HEADER]: first }, body: '' });
    expect(info.status).toBe(200);
  });

  it('answers an old address (its code used, expired or from an earlier run) with a styled page saying what to do, not the app', async () => {
    const code = launchCode(host.newLaunchUrl());
    // The live address opens the app, and its code still works afterwards: opening the page does not spend it.
    const live = await request({ path: `/?${LAUNCH_CODE_PARAM}=${code}` });
    expect(live.status).toBe(200);
    expect(live.body).toContain('app');
    expect(await exchange(code)).not.toMatch(/^refused/);

    for (const stale of [code, 'a-code-from-before-a-restart']) {
      const page = await request({ path: `/?${LAUNCH_CODE_PARAM}=${stale}` });
      expect(page.status).toBe(401);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).not.toContain('<body>app');
      expect(page.body).toContain('这个打开地址已经失效');
      expect(page.body).toContain('按 Enter');
      expect(page.body).toContain('<code>npm start</code>');
      // Styled by a stylesheet the CSP (style-src 'self') lets through: no inline style anywhere.
      expect(page.headers['content-security-policy']).toContain("style-src 'self'");
      expect(page.body).not.toMatch(/style=|<style/);
      const sheet = /<link rel="stylesheet" href="([^"]+)">/.exec(page.body)?.[1];
      expect(sheet).toBeDefined();
      const css = await request({ path: sheet! });
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toContain('text/css');
      expect(css.body).toContain('main {');
    }
  });

  it('sends no CORS headers, whatever the origin asks', async () => {
    const origin = { origin: 'http://evil.example' };
    const answers = [
      await request({ method: 'OPTIONS', path: '/api/get-host-info', headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': HOST_TOKEN_HEADER } }),
      await request({ method: 'POST', path: '/api/get-host-info', headers: { ...origin, [HOST_TOKEN_HEADER]: token }, body: '' }),
      await request({ method: 'POST', path: HOST_SESSION_PATH, headers: { ...origin, [HOST_LAUNCH_HEADER]: 'x' } }),
      await request({ path: '/', headers: origin }),
    ];
    for (const answer of answers) expect(cors(answer.headers)).toEqual([]);
    expect(answers[0]!.status).not.toBe(204);
    expect(answers[0]!.status).not.toBe(200);
  });

  it('answers only its own host names (a DNS-rebinding page gets nothing)', async () => {
    const rebound = await request({ path: '/', headers: { host: `evil.example:${port}` } });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('app');
    const call = await request({ method: 'POST', path: '/api/get-host-info', headers: { host: `evil.example:${port}`, [HOST_TOKEN_HEADER]: token }, body: '' });
    expect(call.status).toBe(421);
  });
});
