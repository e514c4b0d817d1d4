/** Where the app keeps its files when no folder is given: the platform's per-user data folder. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(appFolder = 'tally-desk'): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appFolder);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', appFolder);
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), appFolder);
}

/**
 * The desktop app's data folder, as Electron names it (app.getPath('userData')): the platform's
 * application-data folder and the product name. The command line looks for snapshots there.
 */
export function desktopUserDataDir(productName = '测评计票台'): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), productName);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', productName);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), productName);
}

/**
 * A folder only its owner can open (0700): snapshots, exports and the data folder hold interview
 * notes and ballots, and a laptop may have other accounts. mkdir's mode does not change a folder
 * that already exists (made by an older version, or 0755 by default), so it is set again. On
 * Windows the mode means little; the per-user profile folders are private there already.
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await fs.chmod(dir, 0o700);
}
