/**
 * Browser mode as `npm start` runs it: temp files that killed writes left in the data folder are
 * gone once the host has started, when they are ours and a day old; nothing else is touched.
 */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { STALE_TEMP_AGE_MS } from '../../electron/services/atomic-file';
import { freshPort, startHost, stopAllHosts, tempDir } from './support';

test.afterEach(stopAllHosts);

test('the host removes our stale temp files from the exports and snapshots folders at start', async () => {
  const dataDir = tempDir('tally-e2e-writes-');
  const old = (Date.now() - 2 * STALE_TEMP_AGE_MS) / 1000;
  const put = (folder: string, name: string, aged: boolean) => {
    mkdirSync(path.join(dataDir, folder), { recursive: true });
    writeFileSync(path.join(dataDir, folder, name), 'partial');
    if (aged) utimesSync(path.join(dataDir, folder, name), old, old);
  };
  put('exports', '.红星村-测评汇总.xlsx.0123456789ab.tmp', true);
  put('exports', '.红星村-测评汇总.xlsx.ba9876543210.tmp', false);
  put('exports', '红星村-测评汇总.xlsx', true);
  put('exports', '.用户自己的.tmp', true);
  put('snapshots', '.snapshot-20261130-101010-000.tallydesk.a1b2c3d4e5f6.tmp', true);
  put('snapshots', '.index.json.f6e5d4c3b2a1.tmp', true);

  await startHost(await freshPort(), dataDir);
  expect(readdirSync(path.join(dataDir, 'exports')).sort()).toEqual(['.用户自己的.tmp', '.红星村-测评汇总.xlsx.ba9876543210.tmp', '红星村-测评汇总.xlsx'].sort());
  expect(readdirSync(path.join(dataDir, 'snapshots'))).toEqual([]);
});
