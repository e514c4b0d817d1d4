/**
 * Browser mode: serves the built renderer and the same HostApi handlers as the desktop shell, on
 * 127.0.0.1 only, behind a random per-run token. The address (port included) stays the same from
 * run to run, because IndexedDB belongs to the origin: a new port would open an empty database.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { methodForChannel } from '../../shared/contract/host-channels';
import { HOST_TOKEN_COOKIE, HOST_TOKEN_HEADER, HOST_TOKEN_META, RENDERER_CSP } from '../../shared/contract/security';
import { zh } from '../../shared/messages/zh-CN';
import { createHostHandlers, dispatchHostCall } from '../services/host-handlers';
import { contentTypeFor, rendererFileFor } from '../services/renderer-files';
import { printWithChromium } from '../services/print/chromium-pdf';

export const DEFAULT_PORT = 47615;
const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 256 * 1024 * 1024;


export interface BrowserHostOptions {
  port: number;
  rendererDir: string;
  dataDir: string;
  appVersion: string;
  /** Fixed only by tests; otherwise random for every run. */
  token?: string;
  log?: (line: string) => void;
}

export interface RunningBrowserHost {
  url: string;
  origin: string;
  token: string;
  exportsDir: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: http.IncomingMessage): string | null {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === HOST_TOKEN_COOKIE) return rest.join('=');
  }
  return null;
}

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

function send(response: http.ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...BASE_HEADERS, ...headers });
  response.end(body);
}

function sendPage(response: http.ServerResponse, status: number, message: string): void {
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${zh.appName}</title><body style="font-family:sans-serif;padding:2em"><h1>${zh.appName}</h1><p>${message}</p></body></html>`;
  send(response, status, html, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': RENDERER_CSP });
}

async function readBody(request: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<RunningBrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const exportsDir = path.join(options.dataDir, 'exports');
  await fs.mkdir(exportsDir, { recursive: true });
  const handlers = createHostHandlers({
    shell: 'browser',
    appVersion: options.appVersion,
    exportsDir,
    snapshotsDir: path.join(options.dataDir, 'snapshots'),
    printPdf: (html) => printWithChromium(html),
    logError: (error) => options.log?.(`[host] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const rendererDir = path.resolve(options.rendererDir);
  const allowedHosts = new Set([`${LOOPBACK}:${options.port}`, `localhost:${options.port}`]);

  async function serveStatic(response: http.ServerResponse, pathname: string): Promise<void> {
    const file = rendererFileFor(rendererDir, pathname);
    if (file === null) return sendPage(response, 404, zh.ui.notFound);
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      // Unknown paths get the app: routes live in the hash, so this only happens for stray requests.
      return sendPage(response, 404, zh.ui.notFound);
    }
    const type = contentTypeFor(file);
    if (path.basename(file) === 'index.html') {
      const html = body.toString('utf8').replace('<head>', `<head>\n    <meta name="${HOST_TOKEN_META}" content="${token}" />`);
      return send(response, 200, html, { 'content-type': type, 'content-security-policy': RENDERER_CSP });
    }
    send(response, 200, body, { 'content-type': type, 'content-security-policy': RENDERER_CSP, 'cache-control': 'no-cache' });
  }

  const server = http.createServer((request, response) => {
    void (async () => {
      // A page on another site could resolve its own name to 127.0.0.1 (DNS rebinding): only our own names pass.
      if (!allowedHosts.has(request.headers.host ?? '')) return sendPage(response, 421, zh.host.tokenExpired);
      const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${options.port}`);

      if (url.pathname.startsWith('/api/')) {
        if (!sameToken(request.headers[HOST_TOKEN_HEADER] as string | undefined, token)) {
          return send(response, 401, JSON.stringify({ ok: false, message: zh.host.tokenExpired }), { 'content-type': 'application/json; charset=utf-8' });
        }
        const exportMatch = /^\/api\/exports\/([^/]+)$/.exec(url.pathname);
        if (exportMatch && request.method === 'GET') {
          const name = decodeURIComponent(exportMatch[1]!);
          if (name !== path.basename(name) || name.startsWith('.')) return send(response, 404, '');
          try {
            const data = await fs.readFile(path.join(exportsDir, name));
            return send(response, 200, data, {
              'content-type': name.endsWith('.pdf')
                ? 'application/pdf'
                : name.endsWith('.xlsx')
                  ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
                  : 'application/octet-stream',
              'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
            });
          } catch {
            return send(response, 404, '');
          }
        }
        const method = methodForChannel(url.pathname.slice('/api/'.length));
        if (!method || request.method !== 'POST') return send(response, 404, '');
        const body = await readBody(request);
        if (body === null) return send(response, 413, JSON.stringify({ ok: false, message: zh.host.badRequest(method, '') }));
        let payload: unknown;
        try {
          payload = body === '' ? undefined : JSON.parse(body);
        } catch {
          return send(response, 400, JSON.stringify({ ok: false, message: zh.host.badRequest(method, 'JSON') }), { 'content-type': 'application/json; charset=utf-8' });
        }
        const answer = await dispatchHostCall(handlers, method, payload);
        return send(response, 200, JSON.stringify(answer), { 'content-type': 'application/json; charset=utf-8' });
      }

      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, '');

      // The address printed at start carries the token once; it becomes a strict, HTTP-only cookie.
      const queryToken = url.searchParams.get('token');
      if (queryToken !== null) {
        if (!sameToken(queryToken, token)) return sendPage(response, 401, zh.host.tokenExpired);
        url.searchParams.delete('token');
        return send(response, 303, '', {
          location: url.pathname + (url.search || '') + (url.hash || ''),
          'set-cookie': `${HOST_TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }
      if (!sameToken(cookieToken(request), token)) return sendPage(response, 401, zh.host.tokenExpired);
      return serveStatic(response, url.pathname);
    })().catch((error: unknown) => {
      options.log?.(`[host] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendPage(response, 500, zh.host.unexpected);
      else response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const origin = `http://${LOOPBACK}:${options.port}`;
  return {
    origin,
    url: `${origin}/?token=${token}`,
    token,
    exportsDir,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
