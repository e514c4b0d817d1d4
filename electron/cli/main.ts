/** `npm run cli -- …` and the built `tally-desk`: the process wrapper around runCli. */
import { promptHidden } from './passwords';
import { runCli } from './run-cli';
import { useNativeSha256 } from '../services/native-sha256';

function localDate(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// The fingerprint of 100,000 ballots by Node's SHA-256, not the page's JavaScript one (the same digest).
useNativeSha256();

// The exit code is set, not forced with process.exit, so that all output is flushed first.
void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.env.INIT_CWD ?? process.cwd(),
  today: localDate,
  env: process.env,
  askPassword: promptHidden,
}).then((code) => {
  process.exitCode = code;
});
