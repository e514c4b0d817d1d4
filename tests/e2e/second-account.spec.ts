/**
 * A laptop with two accounts: while browser mode runs with a team's data in it, a second OS account
 * (created here with useradd, acting through runuser) tries what the security review did: read the
 * secret from the process arguments of the host and of the browser launch, call the API with
 * whatever it found, and read the snapshots, their key file and the exports from disk. It gets no session token and no
 * data. Needs root (to create the account); skipped, saying so, otherwise.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { HOST_LAUNCH_HEADER, HOST_SESSION_PATH, HOST_SESSION_STORAGE_KEY, HOST_TOKEN_HEADER } from '../../shared/contract/security';
import { zh } from '../../shared/messages/zh-CN';
import { projectRoot } from '../support/examples';
import { createWorkbookThroughUi, expectNoPolicyViolations, firstPage, freshPort, openProfile, tempDir } from './support';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const other = `tdother${process.pid}`;

/** Runs a command as the second account; its output and exit status, as that account sees them. */
function asOther(command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('runuser', ['-u', other, '--', command, ...args], { encoding: 'utf8', timeout: 20_000, cwd: '/' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** An HTTP call by the second account with curl: the status code and the body. */
function curlAsOther(url: string, headers: Record<string, string> = {}, method = 'GET'): { code: string; body: string } {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const run = asOther('curl', ['-s', '-X', method, '-o', '-', '-w', '\n%{http_code}', ...headerArgs, url]);
  const lines = run.stdout.split('\n');
  return { code: lines.pop() ?? '', body: lines.join('\n') };
}

test.describe('a second account on the same laptop', () => {
  test.skip(!isRoot, 'creating a second OS account (useradd, runuser) needs root; run this suite as root, as CI does');

  let host: ChildProcess | null = null;
  let openerPid = 0;

  test.beforeAll(() => {
    const made = spawnSync('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', other], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
  });

  test.afterEach(expectNoPolicyViolations);
  test.afterAll(() => {
    if (openerPid) spawnSync('kill', [String(openerPid)]);
    host?.kill('SIGTERM');
    spawnSync('userdel', [other]);
  });

  test('can read neither the token nor any data, through the API, the process list or the files', async () => {
    const port = await freshPort();
    const dataDir = tempDir('tally-2nd-data-');
    // As a data folder under ~/.local/share usually is, and as an older version left its snapshots: open to all.
    chmodSync(dataDir, 0o755);
    mkdirSync(path.join(dataDir, 'snapshots'), { mode: 0o755 });
    chmodSync(path.join(dataDir, 'snapshots'), 0o755);
    // A stand-in for xdg-open that records the address it was given and stays running, as a browser launch does.
    const fakeBin = tempDir('tally-2nd-bin-');
    const record = path.join(fakeBin, 'opened.txt');
    writeFileSync(path.join(fakeBin, 'xdg-open'), `#!/bin/sh\necho "$$ $1" > "${record}"\nsleep 60\n`, { mode: 0o755 });
    chmodSync(fakeBin, 0o755);

    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${fakeBin}:${process.env.PATH ?? ''}`, DISPLAY: ':99' };
    delete env.CI;
    host = spawn(process.execPath, [path.join(projectRoot, 'dist/browser-host/main.cjs'), '--port', String(port), '--data-dir', dataDir], {
      cwd: projectRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    host.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    host.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => existsSync(record) && readFileSync(record, 'utf8').includes('launch='), { timeout: 15_000 }).toBe(true);
    const [pidText, launchUrl] = readFileSync(record, 'utf8').trim().split(' ') as [string, string];
    openerPid = Number(pidText);
    const origin = new URL(launchUrl).origin;
    const launchCode = new URL(launchUrl).searchParams.get('launch')!;

    // The owner's browser opens the address it was given, and the team's work goes in.
    const context = await openProfile(tempDir('tally-2nd-profile-'));
    const page = await firstPage(context);
    await page.goto(launchUrl);
    await createWorkbookThroughUi(page, { township: '大同镇', unit: '保密村', people: [{ name: '机密甲' }, { name: '机密乙' }] });
    await page.getByRole('link', { name: zh.ui.workbookPage.newMeeting }).waitFor();
    const token = await page.evaluate((key) => window.sessionStorage.getItem(key), HOST_SESSION_STORAGE_KEY);
    expect(token).toBeTruthy();
    const snapshots = path.join(dataDir, 'snapshots');
    await expect.poll(() => readdirSync(snapshots).filter((f) => f.endsWith('.tallydesk')).length, { timeout: 15_000 }).toBeGreaterThan(0);
    // The owner can use the API with the session token (so the refusals below are about who asks).
    const own = await fetch(`${origin}/api/list-snapshots`, { method: 'POST', headers: { [HOST_TOKEN_HEADER]: token! } });
    expect(own.status).toBe(200);

    // 1. The process list: the host's arguments hold no secret; the opener's hold only the spent launch code.
    const hostArgs = asOther('cat', [`/proc/${host.pid}/cmdline`]);
    expect(hostArgs.status).toBe(0);
    expect(hostArgs.stdout).toContain('main.cjs');
    expect(hostArgs.stdout).not.toContain(token!);
    expect(hostArgs.stdout).not.toContain(launchCode);
    const openerArgs = asOther('cat', [`/proc/${openerPid}/cmdline`]).stdout;
    const seenCode = /launch=([\w-]+)/.exec(openerArgs)?.[1];
    expect(seenCode).toBe(launchCode);
    expect(openerArgs).not.toContain(token!);
    const environ = asOther('cat', [`/proc/${host.pid}/environ`]);
    expect(environ.stdout).not.toContain(token!);

    // 2. The API, with what was found, and with nothing.
    const exchanged = curlAsOther(`${origin}${HOST_SESSION_PATH}`, { [HOST_LAUNCH_HEADER]: seenCode! }, 'POST');
    expect(exchanged.code).toBe('401');
    expect(exchanged.body).not.toContain('token');
    for (const headers of [{}, { [HOST_TOKEN_HEADER]: seenCode! }, { cookie: `tally_token=${seenCode}` }] as Record<string, string>[]) {
      const call = curlAsOther(`${origin}/api/list-snapshots`, headers, 'POST');
      expect(call.code).toBe('401');
      expect(call.body).not.toContain('snapshot-');
    }
    const shell = curlAsOther(`${origin}/`);
    expect(shell.code).toBe('200');
    for (const secret of [token!, '保密村', '机密甲']) expect(shell.body).not.toContain(secret);

    // 3. The files: the data folder, the snapshots, the exports.
    expect(statMode(dataDir)).toBe(0o700);
    expect(statMode(snapshots)).toBe(0o700);
    expect(statMode(path.join(dataDir, 'exports'))).toBe(0o700);
    expect(asOther('ls', [dataDir]).status).not.toBe(0);
    expect(asOther('ls', [snapshots]).status).not.toBe(0);
    const someSnapshot = readdirSync(snapshots).find((f) => f.endsWith('.tallydesk'))!;
    const read = asOther('cat', [path.join(snapshots, someSnapshot)]);
    expect(read.status).not.toBe(0);
    expect(read.stdout).not.toContain('保密村');
    expect(asOther('cat', [path.join(snapshots, 'index.json')]).status).not.toBe(0);
    const keyFile = path.join(snapshots, 'snapshot-key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(asOther('cat', [keyFile]).status).not.toBe(0);
    // Even a copy of the folder (taken by root, or from a backup) shows nothing without the key: sealed at rest.
    expect(readFileSync(path.join(snapshots, someSnapshot), 'utf8')).not.toContain('\\u4fdd\\u5bc6');
    expect(readFileSync(path.join(snapshots, someSnapshot), 'utf8')).not.toContain('保密村');

    await context.close();
    expect(output).not.toContain(token!);
  });
});

function statMode(folder: string): number {
  return statSync(folder).mode & 0o777;
}
