/** Starting the browser-mode host and a Chromium profile the way a user would, for end-to-end tests. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect } from '@playwright/test';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../playwright.config';
import type { PresetId } from '../../shared/domain/forms';
import { presetForm } from '../../shared/domain/forms';
import { zh } from '../../shared/messages/zh-CN';
import { projectRoot } from '../support/examples';

export interface HostProcess {
  /**
   * A fresh one-time launch address, as a user gets by pressing Enter in the host's terminal:
   * each page that opens the app from scratch needs its own (a code works once only).
   */
  launchUrl(): Promise<string>;
  origin: string;
  exportsDir: string;
  /** The host process, to read its memory from (benchmarks). */
  pid: number;
  stop(): Promise<void>;
}

/** A port nothing listens on now; the test keeps it for the host's restart, as a user keeps theirs. */
export function freshPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const running = new Set<HostProcess>();

/** Stops every host a test started, also when the test failed half-way; then fails the test if any page broke the CSP. */
export async function stopAllHosts(): Promise<void> {
  await Promise.all([...running].map((host) => host.stop()));
  expectNoPolicyViolations();
}

/**
 * What the renderer's Content-Security-Policy refused in any page of any profile opened since the
 * last check: a style the component library wrote without the page's nonce shows up here (and on
 * screen as an unstyled control), so every end-to-end test fails on it.
 */
const policyViolations: string[] = [];
const VIOLATION_TAG = 'tally-e2e-csp-violation';

/** The violations recorded so far, emptied; a test that provokes one on purpose takes it from here. */
export function takePolicyViolations(): string[] {
  return policyViolations.splice(0);
}

export function expectNoPolicyViolations(): void {
  const found = takePolicyViolations();
  expect(found, 'Content-Security-Policy violations in the app\'s pages').toEqual([]);
}

function watchPolicyViolations(context: BrowserContext): void {
  const watch = (page: Page) =>
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith(VIOLATION_TAG)) policyViolations.push(`${page.url()} ${text.slice(VIOLATION_TAG.length + 1)}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Runs the built browser-mode host as `npm start` does, and waits for the address it prints. */
export async function startHost(port: number, dataDir: string): Promise<HostProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(projectRoot, 'dist/browser-host/main.cjs'), '--port', String(port), '--data-dir', dataDir, '--no-open'],
    { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  let taken = 0;
  let waiter: ((url: string) => void) | null = null;
  /** Hands the next address the host printed to whoever waits for it. */
  const deliver = () => {
    const all = output.match(/http:\/\/127\.0\.0\.1:\d+\/\?launch=[\w-]+/g) ?? [];
    if (waiter && all.length > taken) {
      const resolve = waiter;
      waiter = null;
      resolve(all[taken++]!);
    }
  };
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    deliver();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const nextAddress = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`host printed no address: ${output}`)), 15_000);
      const onExit = (code: number | null) => reject(new Error(`host exited with ${code}: ${output}`));
      waiter = (url) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(url);
      };
      child.once('exit', onExit);
      deliver();
    });
  let first: string | null = await nextAddress();
  let queue = Promise.resolve('');
  const host: HostProcess = {
    // Serialised: each call presses Enter once and takes the address that answers it.
    launchUrl: () => {
      queue = queue.then(async () => {
        if (first !== null) {
          const url = first;
          first = null;
          return url;
        }
        const next = nextAddress();
        child.stdin?.write('\n');
        return next;
      });
      return queue;
    },
    origin: new URL(first).origin,
    exportsDir: path.join(dataDir, 'exports'),
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        running.delete(host);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  running.add(host);
  return host;
}

export async function openProfile(profileDir: string, downloadsDir?: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: 'zh-CN',
    acceptDownloads: true,
    ...(downloadsDir ? { downloadsPath: downloadsDir } : {}),
    viewport: { width: 1360, height: 900 },
  });
  // The page reports each refusal itself (the console text of a refusal varies by kind).
  await context.addInitScript((tag: string) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.log(`${tag} ${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
    });
  }, VIOLATION_TAG);
  watchPolicyViolations(context);
  return context;
}

export async function firstPage(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  // A persistent profile's first window is not always the active one; focus checks need it to be.
  await page.bringToFront();
  return page;
}

/** Home → new workbook → saved, as a user fills the form. */
export async function createWorkbookThroughUi(
  page: Page,
  workbook: { township?: string; unit: string; teamName?: string; teamMembers?: string; people: { name: string; proposedPost?: string }[] },
): Promise<void> {
  await page.getByRole('heading', { name: zh.ui.home.title }).waitFor();
  await page.keyboard.press('n');
  if (workbook.township) await page.getByLabel(zh.ui.workbook.township).fill(workbook.township);
  await page.getByLabel(zh.ui.workbook.unit, { exact: true }).fill(workbook.unit);
  if (workbook.teamName) await page.getByLabel(zh.ui.workbook.teamName).fill(workbook.teamName);
  if (workbook.teamMembers) await page.getByLabel(zh.ui.workbook.teamMembers).fill(workbook.teamMembers);
  for (const [i, person] of workbook.people.entries()) {
    await page.getByLabel(zh.ui.workbook.personName(i + 1)).fill(person.name);
    if (person.proposedPost) await page.getByLabel(zh.ui.workbook.personProposedPost(i + 1)).fill(person.proposedPost);
    // Enter in the last field of the last row adds the next row.
    if (i < workbook.people.length - 1) await page.getByLabel(zh.ui.workbook.personProposedPost(i + 1)).press('Enter');
  }
  await page.getByRole('button', { name: zh.ui.workbook.create }).click();
}

/** Workbook page → new meeting → the tally screen. */
export async function createMeetingThroughUi(
  page: Page,
  meeting: {
    /** A preset id, or the name of a form saved in the designer. */
    preset?: PresetId;
    formName?: string;
    maxSelections?: number;
    counts: Record<'expected' | 'present' | 'issued' | 'returned', number | string>;
    doubleEntry?: boolean;
    sealed?: boolean;
    groups?: { label: string; weight: string }[];
  },
): Promise<void> {
  await page.getByRole('link', { name: zh.ui.workbookPage.newMeeting }).click();
  if (meeting.preset) await chooseOption(page.getByLabel(zh.ui.meeting.form), presetForm(meeting.preset).name);
  if (meeting.formName) await chooseOption(page.getByLabel(zh.ui.meeting.form), meeting.formName);
  if (meeting.doubleEntry) await page.getByLabel(zh.ui.meeting.doubleEntry).check();
  if (meeting.sealed) await page.getByLabel(zh.ui.meeting.sealed).check();
  if (meeting.groups) {
    await page.getByLabel(zh.ui.meeting.grouped).check();
    // Replace the default list with the one given.
    while ((await page.getByLabel(zh.ui.meeting.groupLabelOf(1), { exact: true }).count()) > 0) {
      await page.locator('.groups-table tbody tr').first().getByRole('button').click();
    }
    for (const [i, group] of meeting.groups.entries()) {
      await page.getByRole('button', { name: zh.ui.meeting.addGroup }).click();
      await page.getByLabel(zh.ui.meeting.groupLabelOf(i + 1), { exact: true }).fill(group.label);
      await page.getByLabel(zh.ui.meeting.groupWeightOf(i + 1), { exact: true }).fill(group.weight);
    }
  }
  if (meeting.maxSelections !== undefined) await page.getByLabel(zh.ui.meeting.maxSelections).fill(String(meeting.maxSelections));
  for (const field of ['expected', 'present', 'issued', 'returned'] as const) {
    await page.getByLabel(zh.meetingField[field], { exact: true }).fill(String(meeting.counts[field]));
  }
  await page.getByRole('button', { name: zh.ui.meeting.createAndEnter }).click();
  await page.getByTestId('entry').waitFor();
}

/** Waits until the tally screen shows `entered` of `returned` and no ballot is still being written. */
export async function waitUntilSaved(page: Page, entered: number, returned: number): Promise<void> {
  await expect(page.getByTestId('progress')).toHaveText(zh.ui.entry.progress(entered, returned));
  await expect(page.getByTestId('recent-ballots').locator('li.saving')).toHaveCount(0);
}

/** One key per mark: digits 1…4 for options, 0 for a blank; the last mark commits the ballot. */
export async function typeMarks(page: Page, marks: readonly number[]): Promise<void> {
  for (const mark of marks) await page.keyboard.press(mark < 0 ? 'Digit0' : `Digit${mark + 1}`);
}

/** From the workbook page: 考察方案 → the first preset → saved with Ctrl+Enter. */
export async function planFromPresetThroughUi(page: Page): Promise<void> {
  await page.getByTestId('nav-plan').click();
  await page.getByTestId('plan-presets').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('plan-editor').waitFor();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('plan-notice')).toContainText(zh.plan.saved);
}

/** With TALLY_SCREENSHOTS=dir set, keeps a picture of each screen for a person to look at. */
export async function look(page: Page, name: string): Promise<void> {
  const dir = process.env.TALLY_SCREENSHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/**
 * Chooses an option by the words a user reads, in a native <select> or in the component library's
 * Select (a combobox whose list opens beside it): click it, then click the option, as a user does.
 */
export async function chooseOption(control: Locator, label: string): Promise<void> {
  if ((await control.evaluate((element) => element.tagName)) === 'SELECT') {
    await control.selectOption({ label });
    return;
  }
  const page = control.page();
  await control.click();
  // The open list is the one not hidden; its options carry their words as a title.
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ has: page.getByText(label, { exact: true }) });
  await option.first().click();
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(0);
}
