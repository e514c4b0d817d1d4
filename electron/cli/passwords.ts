/**
 * Where the command line takes passwords from. Every account on the computer can read every
 * process's arguments (`ps`), so `--password` and `--encrypt` are still accepted but warned
 * about; the environment (TALLY_DESK_PASSWORD to open, TALLY_DESK_ENCRYPT_PASSWORD to encrypt)
 * or a prompt on the terminal, with nothing echoed, keep the password out of sight.
 */
export const OPEN_PASSWORD_ENV = 'TALLY_DESK_PASSWORD';
export const ENCRYPT_PASSWORD_ENV = 'TALLY_DESK_ENCRYPT_PASSWORD';

/**
 * Reads one line from the terminal without echoing it; null when stdin is not a terminal (a
 * script, a pipe), so the caller says a password is needed instead of waiting for ever.
 */
export async function promptHidden(prompt: string): Promise<string | null> {
  const input = process.stdin;
  if (!input.isTTY || typeof input.setRawMode !== 'function') return null;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise<string | null>((resolve) => {
    let typed = '';
    const finish = (value: string | null) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish(typed);
        if (char === '\u0003' || char === '\u0004') return finish(null);
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}
