/** The one host every component uses; which shell provides it is decided here and nowhere else. */
import type { HostApi } from '../../../shared/contract/host-api';
import { browserHost } from './host.browser';
import { electronHost } from './host.electron';

export const host: HostApi = electronHost() ?? browserHost();
