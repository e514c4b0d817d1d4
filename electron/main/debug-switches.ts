/**
 * Switches that would let another program on this computer drive the app (read every workbook
 * through DevTools, run code in the main process). A packaged build refuses to start with any of
 * them; the Electron fuse EnableNodeCliInspectArguments (electron-builder.yml) switches the Node
 * ones off in the binary as well.
 */
const FORBIDDEN = ['--remote-debugging-port', '--remote-debugging-pipe', '--remote-debugging-address', '--inspect', '--inspect-brk', '--inspect-port', '--inspect-publish-uid', '--debug', '--debug-brk'];

/** The first forbidden switch in these arguments (`--x`, `--x=…`, or the same with one dash), or null. */
export function forbiddenDebugSwitch(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (arg === '--') break;
    const name = (arg.startsWith('--') ? arg : arg.startsWith('-') ? `-${arg}` : '').split('=')[0]!.toLowerCase();
    if (FORBIDDEN.includes(name)) return name;
  }
  return null;
}
