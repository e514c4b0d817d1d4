/** `npm start` in browser mode: start the local host, print the address, open a browser where one exists. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { zh } from '../../shared/messages/zh-CN';
import { argsProblem } from '../services/args-problem';
import { removeStaleTempFiles } from '../services/atomic-file';
import { defaultDataDir } from '../services/paths';
import { useNativeSha256 } from '../services/native-sha256';
import { DEFAULT_PORT, startBrowserHost } from './server';

const text = zh.browserMode;

function openBrowser(url: string): void {
  const command = process.platform === 'win32' ? 'cmd' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser to open: the printed address is enough.
  }
}

async function main(): Promise<number> {
  useNativeSha256();
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'renderer-dir': { type: 'string' },
        'no-open': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${argsProblem(error)}\n${text.usage}\n`);
    return 2;
  }
  const portText = values.port ?? process.env.TALLY_DESK_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`${text.badPort(portText)}\n`);
    return 2;
  }
  const dataDir = path.resolve(values['data-dir'] ?? process.env.TALLY_DESK_DATA ?? defaultDataDir());
  await removeStaleTempFiles([path.join(dataDir, 'exports'), path.join(dataDir, 'snapshots')]);
  const rendererDir = path.resolve(values['renderer-dir'] ?? path.join(process.cwd(), 'dist', 'renderer'));
  try {
    const host = await startBrowserHost({
      port,
      dataDir,
      rendererDir,
      appVersion: __APP_VERSION__,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(`${text.started(host.url, host.exportsDir)}\n`);
    const canOpen = process.platform === 'win32' || process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
    // The opener's arguments show the code to `ps`, but only until the browser spends it (and for two minutes at most).
    if (!values['no-open'] && canOpen && !process.env.CI) openBrowser(host.url);
    // Enter prints a fresh one-time address: a closed tab, another browser, or a test's new page.
    process.stdin.on('data', (chunk: Buffer) => {
      if (chunk.includes(0x0a)) process.stdout.write(`${text.newAddress(host.newLaunchUrl())}\n`);
    });
    process.stdin.on('error', () => undefined);
    const stop = () => {
      void host.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return -1;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(`${code === 'EADDRINUSE' ? text.portInUse(port) : text.failed(code ?? String(error))}\n`);
    return 1;
  }
}

void main().then((code) => {
  if (code >= 0) process.exit(code);
});
