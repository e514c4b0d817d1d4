/**
 * The desktop shell's security set-up, checked without the Electron binary (it cannot be downloaded
 * here): the electron module is replaced by a recorder, and the real main-process code runs
 * against it. What is asserted is what the shell asks Electron to do.
 */
import { promises } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP, STYLE_NONCE_META, STYLE_NONCE_PLACEHOLDER } from '../../shared/contract/security';
import type { HostResult } from '../../shared/contract/host-api';
import { failureText } from '../../shared/domain/result';

interface Recorded {
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  windows: { options: { webPreferences: Record<string, unknown> }; url: string | null }[];
  appHandlers: Map<string, (...args: unknown[]) => void>;
  ipcHandlers: Map<string, (event: unknown, payload: unknown) => unknown>;
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null;
  permissionCheck: (() => boolean) | null;
  beforeRequest: ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void) | null;
  /** The same three, for each other session (partition) the shell uses. */
  partitions: Map<string, Pick<Recorded, 'permissionRequest' | 'permissionCheck' | 'beforeRequest'>>;
}

const recorded: Recorded = {
  schemes: [],
  protocolHandlers: new Map(),
  windows: [],
  appHandlers: new Map(),
  ipcHandlers: new Map(),
  permissionRequest: null,
  permissionCheck: null,
  beforeRequest: null,
  partitions: new Map(),
};

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows() {
      return [];
    }
    private readonly entry: Recorded['windows'][number];
    constructor(options: Recorded['windows'][number]['options']) {
      this.entry = { options, url: null };
      recorded.windows.push(this.entry);
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.entry.url = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    app: {
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      on: (name: string, handler: (...args: unknown[]) => void) => recorded.appHandlers.set(name, handler),
      getVersion: () => '0.0.0-test',
      getPath: () => '/tmp/tally-desk-test',
      quit: () => undefined,
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: Recorded['schemes']) => recorded.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => recorded.protocolHandlers.set(scheme, handler),
    },
    ipcMain: { handle: (channel: string, handler: (event: unknown, payload: unknown) => unknown) => recorded.ipcHandlers.set(channel, handler) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Recorded['permissionRequest']) => (recorded.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Recorded['permissionCheck']) => (recorded.permissionCheck = handler),
        webRequest: { onBeforeRequest: (handler: Recorded['beforeRequest']) => (recorded.beforeRequest = handler) },
      },
      fromPartition: (name: string) => {
        const entry = recorded.partitions.get(name) ?? { permissionRequest: null, permissionCheck: null, beforeRequest: null };
        recorded.partitions.set(name, entry);
        return {
          setPermissionRequestHandler: (handler: Recorded['permissionRequest']) => (entry.permissionRequest = handler),
          setPermissionCheckHandler: (handler: Recorded['permissionCheck']) => (entry.permissionCheck = handler),
          webRequest: { onBeforeRequest: (handler: Recorded['beforeRequest']) => (entry.beforeRequest = handler) },
        };
      },
    },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: (text: string) => Buffer.from(text), decryptString: (sealed: Buffer) => sealed.toString() },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => undefined },
    shell: { openPath: () => Promise.resolve('') },
  };
});

beforeAll(async () => {
  await import('./index');
  await new Promise((resolve) => setTimeout(resolve, 0));
});

describe('the desktop shell', () => {
  it('registers app:// as a standard, secure scheme and loads the renderer from it', () => {
    expect(recorded.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
    expect(recorded.windows[0]?.url).toBe('app://tally-desk/index.html');
  });

  it('opens its window isolated, sandboxed, without Node, with web security', () => {
    const preferences = recorded.windows[0]!.options.webPreferences;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(String(preferences.preload)).toMatch(/preload\.cjs$/);
  });

  it('denies new windows, navigation away from app://, webviews and every permission', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string; overrideBrowserWindowOptions?: { webPreferences: Record<string, unknown> } }) | null = null;
    const contents = {
      setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler),
      on: (name: string, listener: (event: { preventDefault: () => void }, url?: string) => void) => listeners.set(name, listener),
    };
    recorded.appHandlers.get('web-contents-created')!({}, contents);
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'app://tally-desk/index.html#/workbooks/new' })).toEqual({ action: 'deny' });
    // The projector view opens as a second window of the same secure kind.
    const projector = openHandler!({ url: 'app://tally-desk/index.html#/meetings/abc/projector' });
    expect(projector.action).toBe('allow');
    expect(projector.overrideBrowserWindowOptions?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });

    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      listeners.get('will-navigate')!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://tally-desk/index.html#/')).toBe(false);
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    const granted: boolean[] = [];
    recorded.permissionRequest!({}, 'media', (g) => granted.push(g));
    expect(granted).toEqual([false]);
    expect(recorded.permissionCheck!()).toBe(false);
  });

  it('cancels every request that is not for its own origin (no network, ever)', () => {
    const cancelled = (url: string) => {
      let result: boolean | null = null;
      recorded.beforeRequest!({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancelled('https://update.example.com/latest')).toBe(true);
    expect(cancelled('http://127.0.0.1:8080/')).toBe(true);
    expect(cancelled('app://tally-desk/assets/index.js')).toBe(false);
  });

  it('locks the print window’s session down the same way: no network, no permission, only its own page file', () => {
    const print = recorded.partitions.get('tally-print');
    expect(print?.beforeRequest).toBeTypeOf('function');
    const cancelled = (url: string) => {
      let result: boolean | null = null;
      print!.beforeRequest!({ url }, (r) => (result = r.cancel));
      return result;
    };
    expect(cancelled('https://fonts.example.com/a.woff2')).toBe(true);
    expect(cancelled('http://127.0.0.1:47615/api/list-snapshots')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('file:///tmp/tally-desk-test/tally-print-abc123/page.html')).toBe(false);
    const granted: boolean[] = [];
    print!.permissionRequest!({}, 'notifications', (g) => granted.push(g));
    expect(granted).toEqual([false]);
    expect(print!.permissionCheck!()).toBe(false);
  });

  it('answers HostApi calls only from its own page, and only with valid payloads', async () => {
    const handler = recorded.ipcHandlers.get('get-host-info')!;
    expect(recorded.ipcHandlers.has('export-meeting-summary')).toBe(true);
    expect(await handler({ senderFrame: { url: 'https://evil.example/' } }, undefined)).toMatchObject({ ok: false });
    expect(await handler({ senderFrame: null }, undefined)).toMatchObject({ ok: false });
    expect(await handler({ senderFrame: { url: 'app://tally-desk/index.html' } }, undefined)).toMatchObject({ ok: true, value: { shell: 'desktop' } });
    const exportHandler = recorded.ipcHandlers.get('export-meeting-summary')!;
    const refused = (await exportHandler({ senderFrame: { url: 'app://tally-desk/index.html' } }, { ballots: 'not a list' })) as HostResult<unknown>;
    expect(refused.ok).toBe(false);
    expect(!refused.ok && failureText(refused)).toMatch(/请求被拒绝/);
  });

  it('serves nothing outside the renderer folder or for another host', async () => {
    const serve = recorded.protocolHandlers.get('app')!;
    expect((await serve(new Request('app://tally-desk/%2e%2e/%2e%2e/package.json'))).status).toBe(404);
    expect((await serve(new Request('app://other-host/index.html'))).status).toBe(404);
  });

  it('sends a strict CSP with the renderer: nothing inline, no eval, nothing remote; the start page alone has a fresh style nonce', async () => {
    const serve = recorded.protocolHandlers.get('app')!;
    // The built renderer is not there when unit tests run: its file reads are answered here.
    const startPage = `<!doctype html><meta name="${STYLE_NONCE_META}" content="${STYLE_NONCE_PLACEHOLDER}"><title>t</title>`;
    const read = vi.spyOn(promises, 'readFile');
    read.mockResolvedValueOnce(Buffer.from(startPage)).mockResolvedValueOnce(Buffer.from(startPage)).mockResolvedValueOnce(Buffer.from('console.log(1)'));
    const answer = await serve(new Request('app://tally-desk/index.html'));
    const again = await serve(new Request('app://tally-desk/index.html'));
    const script = await serve(new Request('app://tally-desk/assets/index.js'));
    read.mockRestore();
    expect(answer.status).toBe(200);
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe|\*|https?:/);
    const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
    expect(directive(csp, 'default-src')).toBe("default-src 'none'");
    expect(directive(csp, 'script-src')).toBe("script-src 'self'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self'");
    expect(directive(csp, 'object-src')).toBe("object-src 'none'");
    // The nonce in the policy is the one written into the page, and the next response has another.
    const nonceOf = (html: string) => /content="([^"]+)"/.exec(html)?.[1] ?? '';
    const nonce = nonceOf(await answer.text());
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
    expect(directive(csp, 'style-src')).toBe(`style-src 'self' 'nonce-${nonce}'`);
    const nonceAgain = nonceOf(await again.text());
    expect(nonceAgain).not.toBe(nonce);
    expect(directive(again.headers.get('content-security-policy') ?? '', 'style-src')).toBe(`style-src 'self' 'nonce-${nonceAgain}'`);
    // Any other file: the policy without a nonce.
    expect(script.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(directive(RENDERER_CSP, 'style-src')).toBe("style-src 'self'");
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
