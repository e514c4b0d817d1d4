/** A packaged build refuses every switch that opens a debugging door, in each spelling Chromium and Node accept. */
import { describe, expect, it } from 'vitest';
import { forbiddenDebugSwitch } from './debug-switches';

describe('debugging switches at start', () => {
  it('are found in every spelling', () => {
    for (const [argv, found] of [
      [['/opt/tally-desk/tally-desk', '--remote-debugging-port=9222'], '--remote-debugging-port'],
      [['tally-desk', '--remote-debugging-port', '9222'], '--remote-debugging-port'],
      [['tally-desk', '--remote-debugging-pipe'], '--remote-debugging-pipe'],
      [['tally-desk', '--inspect'], '--inspect'],
      [['tally-desk', '--inspect=0.0.0.0:9229'], '--inspect'],
      [['tally-desk', '--inspect-brk=9229'], '--inspect-brk'],
      [['tally-desk', '--INSPECT'], '--inspect'],
      [['tally-desk', '-inspect'], '--inspect'],
    ] as const) {
      expect(forbiddenDebugSwitch(argv)).toBe(found);
    }
  });

  it('leave ordinary starts alone', () => {
    expect(forbiddenDebugSwitch(['tally-desk'])).toBeNull();
    expect(forbiddenDebugSwitch(['tally-desk', '--no-sandbox-not-really', 'inspect', 'file--inspect.tallydesk'])).toBeNull();
    expect(forbiddenDebugSwitch(['tally-desk', '--', '--inspect'])).toBeNull();
  });
});
