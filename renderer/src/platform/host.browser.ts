/**
 * Browser mode: the same HostApi over HTTP to the local host server (127.0.0.1 only). Every request
 * carries the per-run token, which the server put into the page it served.
 */
import type { HostApi, HostMethod, HostResult } from '../../../shared/contract/host-api';
import { HOST_CHANNELS } from '../../../shared/contract/host-channels';
import { zh } from '../../../shared/messages/zh-CN';
import { saveBlob } from './save-file';

import { HOST_TOKEN_HEADER as TOKEN_HEADER, HOST_TOKEN_META as TOKEN_META_NAME } from '../../../shared/contract/security';

function token(): string {
  return document.querySelector(`meta[name="${TOKEN_META_NAME}"]`)?.getAttribute('content') ?? '';
}

async function call<T>(method: HostMethod, payload?: unknown): Promise<HostResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/${HOST_CHANNELS[method]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token() },
      body: payload === undefined ? '' : JSON.stringify(payload),
    });
  } catch {
    return { ok: false, message: zh.host.unreachable };
  }
  if (response.status === 401 || response.status === 403) return { ok: false, message: zh.host.tokenExpired };
  try {
    return (await response.json()) as HostResult<T>;
  } catch {
    return { ok: false, message: zh.host.unreachable };
  }
}

/** Offers an exported file as a browser download as well (it is already saved in the exports folder). */
async function offerDownload(fileName: string): Promise<void> {
  const response = await fetch(`/api/exports/${encodeURIComponent(fileName)}`, { headers: { [TOKEN_HEADER]: token() } });
  if (!response.ok) return;
  saveBlob(fileName, await response.blob());
}

export function browserHost(): HostApi {
  return {
    getHostInfo: () => call('getHostInfo'),
    async exportMeetingSummary(request) {
      const result = await call<{ fileName: string; savedPath: string }>('exportMeetingSummary', request);
      if (result.ok) await offerDownload(result.value.fileName);
      return result;
    },
    verifyExport: (request) => call('verifyExport', request),
    readGridFile: (request) => call('readGridFile', request),
    writeSnapshot: (request) => call('writeSnapshot', request),
    listSnapshots: () => call('listSnapshots'),
    readSnapshot: (request) => call('readSnapshot', request),
    keepSnapshot: (request) => call('keepSnapshot', request),
    async exportRollup(request) {
      const result = await call<{ fileName: string; savedPath: string }>('exportRollup', request);
      if (result.ok) await offerDownload(result.value.fileName);
      return result;
    },
    readWorkbookFile: (request) => call('readWorkbookFile', request),
    rollupFiles: (request) => call('rollupFiles', request),
    async writeWorkbookFile(request) {
      const result = await call<{ fileName: string; savedPath: string }>('writeWorkbookFile', request);
      if (result.ok) await offerDownload(result.value.fileName);
      return result;
    },
    async printDocument(request) {
      const result = await call<{ fileName: string; savedPath: string }>('printDocument', request);
      if (result.ok) await offerDownload(result.value.fileName);
      return result;
    },
    async exportWorkbook(request) {
      const result = await call<{ fileName: string; savedPath: string }>('exportWorkbook', request);
      if (result.ok) await offerDownload(result.value.fileName);
      return result;
    },
    async exportAuditLog(request) {
      const result = await call<{ fileName: string; savedPath: string }>('exportAuditLog', request);
      if (result.ok) await offerDownload(result.value.fileName);
      return result;
    },
  };
}
