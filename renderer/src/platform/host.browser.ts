/**
 * Browser mode: the same HostApi over HTTP to the local host server (127.0.0.1 only). Every request
 * carries the per-run token, which the server put into the page it served.
 */
import type { HostApi, HostMethod, HostResult } from '../../../shared/contract/host-api';
import { HOST_CHANNELS } from '../../../shared/contract/host-channels';
import { zh } from '../../../shared/messages/zh-CN';
import type { ExportResult } from '../../../shared/contract/meeting-export';
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

/** A call that saves a file in the exports folder, which is then offered as a browser download too. */
async function exported(method: HostMethod, request: unknown): Promise<HostResult<ExportResult>> {
  const result = await call<ExportResult>(method, request);
  if (result.ok) await offerDownload(result.value.fileName);
  return result;
}

export function browserHost(): HostApi {
  return {
    getHostInfo: () => call('getHostInfo'),
    exportMeetingSummary: (request) => exported('exportMeetingSummary', request),
    verifyExport: (request) => call('verifyExport', request),
    readGridFile: (request) => call('readGridFile', request),
    writeSnapshot: (request) => call('writeSnapshot', request),
    listSnapshots: () => call('listSnapshots'),
    readSnapshot: (request) => call('readSnapshot', request),
    keepSnapshot: (request) => call('keepSnapshot', request),
    exportRollup: (request) => exported('exportRollup', request),
    readWorkbookFile: (request) => call('readWorkbookFile', request),
    rollupFiles: (request) => call('rollupFiles', request),
    writeWorkbookFile: (request) => exported('writeWorkbookFile', request),
    printDocument: (request) => exported('printDocument', request),
    exportWorkbook: (request) => exported('exportWorkbook', request),
    exportAuditLog: (request) => exported('exportAuditLog', request),
    exportLedger: (request) => exported('exportLedger', request),
    printInterviews: (request) => exported('printInterviews', request),
  };
}
