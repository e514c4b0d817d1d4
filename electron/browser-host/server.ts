/**
 * Browser mode: serves the built renderer and the same HostApi handlers as the desktop shell, on
 * 127.0.0.1 only. The address (port included) stays the same from run to run, because IndexedDB
 * belongs to the origin: a new port would open an empty database.
 *
 * Another account on the same computer can see every process's arguments (`ps`) and can run its
 * own server on another port of 127.0.0.1, which receives every cookie of 127.0.0.1. So nothing
 * long-lived is put in either place: the address carries a one-time launch code (dead after one
 * use, or after LAUNCH_CODE_TTL_MS), which the page exchanges for a session token; the page keeps
 * that in sessionStorage and sends it as a header. The page shell and its scripts hold no data and
 * are served to anyone; every call for data needs the header.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { methodForChannel } from '../../shared/contract/host-channels';
import { HOST_LAUNCH_HEADER, HOST_SESSION_PATH, HOST_TOKEN_HEADER, LAUNCH_CODE_PARAM, RENDERER_CSP } from '../../shared/contract/security';
import type { Result } from '../../shared/domain/result';
import { fail, ok } from '../../shared/domain/result';
import { zh } from '../../shared/messages/zh-CN';
import { createHostHandlers, dispatchHostCall } from '../services/host-handlers';
import { ensurePrivateDir } from '../services/paths';
import { HOST_PAGE_CSS, HOST_PAGE_CSS_PATH, contentTypeFor, hostPageHtml, rendererFileFor, rendererResponse } from '../services/renderer-files';
import { printWithChromium } from '../services/print/chromium-pdf';

export const DEFAULT_PORT = 47615;
const LOOPBACK = '127.0.0.1';
const MAX_BODY_BYTES = 256 * 1024 * 1024;
/** Long enough to open a browser, short enough that a code read from `ps` is stale. */
export const LAUNCH_CODE_TTL_MS = 2 * 60 * 1000;


export interface BrowserHostOptions {
  port: number;
  rendererDir: string;
  dataDir: string;
  appVersion: string;
  log?: (line: string) => void;
  /** The clock, for tests of the launch code's expiry. */
  now?: () => number;
}

export interface RunningBrowserHost {
  /** The first launch address (a one-time code). */
  url: string;
  origin: string;
  /** A fresh launch address; the codes before it stop working. */
  newLaunchUrl(): string;
  exportsDir: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
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

/** Every JSON answer is a Result, the shape of every host answer (HostResult), whatever the status. */
function sendAnswer(response: http.ServerResponse, status: number, answer: Result<unknown, string>): void {
  send(response, status, JSON.stringify(answer), { 'content-type': 'application/json; charset=utf-8' });
}

function sendHtml(response: http.ServerResponse, status: number, html: string): void {
  send(response, status, html, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': RENDERER_CSP });
}

function sendPage(response: http.ServerResponse, status: number, message: string): void {
  sendHtml(response, status, hostPageHtml({ appName: zh.appName, title: zh.appName, paragraphs: [message] }));
}

/** An address whose launch code is spent or from an earlier run: what happened, and how to get a new one. */
function sendStaleAddressPage(response: http.ServerResponse): void {
  const t = zh.statusViews.staleAddress;
  sendHtml(response, 401, hostPageHtml({ appName: zh.appName, title: t.title, paragraphs: [t.what, t.todo], steps: [t.stepRunning, t.stepRestart], note: t.samePort }));
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
  const now = options.now ?? Date.now;
  // One live launch code at a time; each exchange makes one session (a tab and the tabs it opens).
  let launch: { code: string; expires: number } | null = null;
  const sessions = new Set<string>();
  const newLaunchCode = () => {
    launch = { code: randomBytes(24).toString('base64url'), expires: now() + LAUNCH_CODE_TTL_MS };
    return launch.code;
  };
  const validSession = (given: string | undefined) => [...sessions].some((token) => sameToken(given, token));
  const exportsDir = path.join(options.dataDir, 'exports');
  // The data folder holds snapshots and exports: other accounts of this computer may not open it.
  await ensurePrivateDir(options.dataDir);
  await ensurePrivateDir(exportsDir);
  await ensurePrivateDir(path.join(options.dataDir, 'snapshots'));
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
    const served = rendererResponse(file, body);
    send(response, 200, served.body, { 'content-type': contentTypeFor(file), 'content-security-policy': served.csp, 'cache-control': 'no-cache' });
  }

  const server = http.createServer((request, response) => {
    void (async () => {
      // A page on another site could resolve its own name to 127.0.0.1 (DNS rebinding): only our own names pass.
      if (!allowedHosts.has(request.headers.host ?? '')) return sendPage(response, 421, zh.host.tokenExpired);
      const url = new URL(request.url ?? '/', `http://${LOOPBACK}:${options.port}`);

      if (url.pathname === HOST_SESSION_PATH) {
        if (request.method !== 'POST') return send(response, 405, '');
        const given = request.headers[HOST_LAUNCH_HEADER] as string | undefined;
        const current: { code: string; expires: number } | null = launch;
        if (!current || now() > current.expires || !sameToken(given, current.code)) {
          return sendAnswer(response, 401, fail([zh.host.tokenExpired]));
        }
        launch = null;
        const token = randomBytes(32).toString('base64url');
        sessions.add(token);
        return sendAnswer(response, 200, ok({ token }));
      }

      if (url.pathname.startsWith('/api/')) {
        if (!validSession(request.headers[HOST_TOKEN_HEADER] as string | undefined)) {
          return sendAnswer(response, 401, fail([zh.host.tokenExpired]));
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
        if (body === null) return sendAnswer(response, 413, fail([zh.host.badRequest(method, '')]));
        let payload: unknown;
        try {
          payload = body === '' ? undefined : JSON.parse(body);
        } catch {
          return sendAnswer(response, 400, fail([zh.host.badRequest(method, 'JSON')]));
        }
        const answer = await dispatchHostCall(handlers, method, payload);
        return sendAnswer(response, 200, answer);
      }

      if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, '');

      if (url.pathname === HOST_PAGE_CSS_PATH) {
        return send(response, 200, HOST_PAGE_CSS, { 'content-type': 'text/css; charset=utf-8', 'content-security-policy': RENDERER_CSP, 'cache-control': 'no-cache' });
      }

      // An old address (its code used, expired, or from before a restart) would open the app only for
      // every call to be refused: it gets a page that says so, and what to do. The code is not spent here.
      const givenCode = url.searchParams.get(LAUNCH_CODE_PARAM);
      if (givenCode !== null) {
        const current: { code: string; expires: number } | null = launch;
        if (!current || now() > current.expires || !sameToken(givenCode, current.code)) return sendStaleAddressPage(response);
      }

      // The shell and its scripts are the same for everyone and hold no data: no token needed.
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
  const launchUrl = () => `${origin}/?${LAUNCH_CODE_PARAM}=${newLaunchCode()}`;
  return {
    origin,
    url: launchUrl(),
    newLaunchUrl: launchUrl,
    exportsDir,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
