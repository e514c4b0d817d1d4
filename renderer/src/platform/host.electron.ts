/** Desktop shell: the preload exposes HostApi as window.api (electron/preload). */
import type { HostApi } from '../../../shared/contract/host-api';

export function electronHost(): HostApi | null {
  return (window as unknown as { api?: HostApi }).api ?? null;
}
