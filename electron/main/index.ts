/**
 * The desktop shell: a secure window that loads the renderer from the privileged app:// scheme and
 * answers HostApi calls over IPC with the same handlers the browser-mode host uses. Kept thin: the
 * work happens in electron/services.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import type { IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { HOST_CHANNELS } from '../../shared/contract/host-channels';
import type { HostMethod } from '../../shared/contract/host-channels';
import { fail } from '../../shared/domain/result';
import { zh } from '../../shared/messages/zh-CN';
import { removeStaleTempFiles } from '../services/atomic-file';
import { createHostHandlers, dispatchHostCall } from '../services/host-handlers';
import { contentTypeFor, rendererFileFor, rendererResponse } from '../services/renderer-files';
import { ensurePrivateDir } from '../services/paths';
import { useNativeSha256 } from '../services/native-sha256';
import { osKeyStore } from '../services/snapshot-seal';
import { forbiddenDebugSwitch } from './debug-switches';

/**
 * The renderer's origin. Chosen once: IndexedDB belongs to the origin, so renaming the scheme or
 * host would open an empty database and lose every workbook on the user's machine.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tally-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;


// A packaged build never starts with a debugging door open (see debug-switches.ts).
const debugSwitch = app.isPackaged ? forbiddenDebugSwitch(process.argv) : null;
if (debugSwitch) {
  process.stderr.write(`${zh.desktop.debugRefused(debugSwitch)}\n`);
  app.exit(1);
}

// Must run before the app is ready: makes app:// a standard, secure origin with its own storage.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');

/** Serves files of the built renderer only; anything outside it, or another host, is refused. */
async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== APP_HOST) return new Response('', { status: 404 });
  const file = rendererFileFor(rendererDir, url.pathname);
  if (file === null) return new Response('', { status: 404 });
  try {
    const { body, csp } = rendererResponse(file, await fs.readFile(file));
    return new Response(body, {
      status: 200,
      headers: {
        'content-type': contentTypeFor(file),
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('', { status: 404 });
  }
}

const PRINT_PARTITION = 'tally-print';

/** Where the print window's page is written; the only thing its session may load. */
function printDirPrefix(): string {
  return path.join(app.getPath('temp'), 'tally-print-');
}

/**
 * Prints HTML to an A4 PDF in a hidden window of its own session, with scripts off: the print
 * templates need none. That session is locked down like the main one (no network, no
 * permissions); it may load only the page file written here.
 */
async function printWithElectron(html: string): Promise<Buffer> {
  const dir = await fs.mkdtemp(printDirPrefix());
  const file = path.join(dir, 'page.html');
  await fs.writeFile(file, html, 'utf8');
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, partition: PRINT_PARTITION },
  });
  try {
    await window.loadFile(file);
    return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    window.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Only our own page, loaded over app://, may call the host. */
export function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (!frame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}

function registerHostApi(): void {
  const handlers = createHostHandlers({
    shell: 'desktop',
    appVersion: app.getVersion(),
    exportsDir: path.join(app.getPath('documents'), zh.desktop.exportsFolder),
    snapshotsDir: path.join(app.getPath('userData'), 'snapshots'),
    // The snapshot key kept sealed by the operating system (DPAPI, the keyring).
    snapshotKeys: osKeyStore(path.join(app.getPath('userData'), 'snapshots'), safeStorage),
    printPdf: printWithElectron,
    logError: (error) => console.error('[host]', error),
  });
  void removeStaleTempFiles([path.join(app.getPath('documents'), zh.desktop.exportsFolder), path.join(app.getPath('userData'), 'snapshots')]);
  for (const [method, channel] of Object.entries(HOST_CHANNELS) as [HostMethod, string][]) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return fail([zh.host.badRequest(method, 'sender')]);
      return dispatchHostCall(handlers, method, payload);
    });
  }
}

function hardenContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    // Only the projector view (大屏) may open, as a second window of the same secure kind.
    contents.setWindowOpenHandler(({ url }) =>
      isProjectorUrl(url) ? { action: 'allow', overrideBrowserWindowOptions: { ...secureWindowOptions(), title: zh.ui.entry.projector } } : { action: 'deny' },
    );
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // No network, ever: every request that is not our own scheme is cancelled.
  lockDownSession(session.defaultSession, (url) => url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://'));
  const printPage = pathToFileURL(printDirPrefix()).href;
  lockDownSession(session.fromPartition(PRINT_PARTITION), (url) => url.startsWith(printPage) || url.startsWith('data:'));
}

/** Every permission refused, and every request cancelled that `allowed` does not name. */
export function lockDownSession(target: Electron.Session, allowed: (url: string) => boolean): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !allowed(details.url) });
  });
}

export function isProjectorUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) && /#\/meetings\/[^/]+\/projector$/.test(url);
}

/** Every window of the app: isolated, sandboxed, no Node, web security on, our preload only. */
function secureWindowOptions(): Electron.BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    title: zh.appName,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({ ...secureWindowOptions(), show: false });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function buildMenu(): void {
  const template: Electron.MenuItemConstructorOptions[] = [
    {
      label: zh.desktop.menuFile,
      submenu: [
        {
          label: zh.desktop.openExports,
          click: () => {
            const dir = path.join(app.getPath('documents'), zh.desktop.exportsFolder);
            void ensurePrivateDir(dir).then(() => shell.openPath(dir));
          },
        },
        { type: 'separator' },
        { role: 'quit', label: zh.desktop.quit },
      ],
    },
    {
      label: zh.desktop.menuEdit,
      submenu: [
        { role: 'cut', label: zh.desktop.cut },
        { role: 'copy', label: zh.desktop.copy },
        { role: 'paste', label: zh.desktop.paste },
        { role: 'selectAll', label: zh.desktop.selectAll },
      ],
    },
    {
      label: zh.desktop.menuView,
      submenu: [
        { role: 'reload', label: zh.desktop.reload },
        { role: 'resetZoom', label: zh.desktop.resetZoom },
        { role: 'zoomIn', label: zh.desktop.zoomIn },
        { role: 'zoomOut', label: zh.desktop.zoomOut },
        { role: 'togglefullscreen', label: zh.desktop.fullscreen },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

if (debugSwitch || !app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  // Fingerprints the host computes (export, verify) by Node's SHA-256: the same digest as the page's.
  useNativeSha256();
  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, serveRenderer);
    hardenContents();
    registerHostApi();
    buildMenu();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
