/**
 * The preload as the sandboxed page meets it: exactly one global (`api`), one function per HostApi
 * call, each reaching only its own IPC channel; no Electron or Node object crosses into the page.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS } from '../../shared/contract/host-channels';

const exposed = new Map<string, unknown>();
const invoked: { channel: string; args: unknown[] }[] = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => exposed.set(name, value) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: null });
    },
    // Anything else the page could use to reach the main process would show up here.
    send: () => {
      throw new Error('send is never used');
    },
  },
}));

beforeAll(async () => {
  await import('./index');
});

describe('the preload', () => {
  it('exposes one object, with a function for each HostApi call and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(Object.keys(HOST_CHANNELS).sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('sends each call on its own channel, with the payload and nothing of the page', async () => {
    const api = exposed.get('api') as Record<string, (payload?: unknown) => Promise<unknown>>;
    for (const [method, channel] of Object.entries(HOST_CHANNELS)) {
      invoked.length = 0;
      await api[method]!({ probe: method });
      expect(invoked).toHaveLength(1);
      expect(invoked[0]!.channel).toBe(channel);
      expect(invoked[0]!.args.length).toBeLessThanOrEqual(1);
    }
  });
});
