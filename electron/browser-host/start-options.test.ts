/** `npm start` with a wrong option: the reason and the usage in Chinese, exit 2, never parseArgs' English. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zh } from '../../shared/messages/zh-CN';
import { projectRoot } from '../../tests/support/examples';

const tsxLoader = pathToFileURL(path.join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;

function start(args: string[]) {
  return spawnSync(process.execPath, ['--import', tsxLoader, path.join(projectRoot, 'electron/browser-host/main.ts'), ...args], { encoding: 'utf8', timeout: 20_000 });
}

describe('npm start with a wrong option', () => {
  it.each([
    [['--bogus'], zh.cli.unknownOption('--bogus')],
    [['--port'], zh.cli.optionNeedsValue('--port')],
    [['--no-open=yes'], zh.cli.optionTakesNoValue('--no-open')],
  ])('%j says which option, in Chinese, and exits 2', (args, reason) => {
    const run = start(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${reason}\n${zh.browserMode.usage}\n`);
    expect(run.stderr).not.toMatch(/[A-Za-z]{4,} (option|argument)/i);
  });
});
