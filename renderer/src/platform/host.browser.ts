/**
 * Browser mode: the same HostApi over HTTP to the local host server (127.0.0.1 only). The address
 * the page was opened with carries a one-time launch code; it is exchanged once for a session
 * token, kept in sessionStorage (this tab, and the tabs it opens; never on disk, never a cookie),
 * and sent as a header with every call.
 */
import type { HostApi, HostMethod, HostResult } from '../../../shared/contract/host-api';
import { HOST_CHANNELS } from '../../../shared/contract/host-channels';
import { fail } from '../../../shared/domain/result';
import { zh } from '../../../shared/messages/zh-CN';
import type { ExportResult } from '../../../shared/contract/meeting-export';
import { saveBlob } from './save-file';

import { HOST_LAUNCH_HEADER, HOST_SESSION_PATH, HOST_SESSION_STORAGE_KEY, HOST_TOKEN_HEADER as TOKEN_HEADER, LAUNCH_CODE_PARAM } from '../../../shared/contract/security';

let session: Promise<string> | null = null;

/** The session token: from the launch code in the address (once), else the one this tab already has. */
function token(): Promise<string> {
  session ??= (async () => {
    const params = new URLSearchParams(window.location.search);
    const code = params.get(LAUNCH_CODE_PARAM);
    if (code !== null) {
      // The code is spent either way: it leaves the address bar and the history.
      params.delete(LAUNCH_CODE_PARAM);
      const query = params.toString();
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
      try {
        const response = await fetch(HOST_SESSION_PATH, { method: 'POST', headers: { [HOST_LAUNCH_HEADER]: code } });
        const answer = (await response.json()) as HostResult<{ token: string }>;
        if (response.ok && answer.ok && answer.value.token) {
          window.sessionStorage.setItem(HOST_SESSION_STORAGE_KEY, answer.value.token);
          return answer.value.token;
        }
      } catch {
        // Unreachable or refused: the tab's earlier session, if any, is tried below.
      }
    }
    return window.sessionStorage.getItem(HOST_SESSION_STORAGE_KEY) ?? '';
  })();
  return session;
}

async function call<T>(method: HostMethod, payload?: unknown): Promise<HostResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/${HOST_CHANNELS[method]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: await token() },
      body: payload === undefined ? '' : JSON.stringify(payload),
    });
  } catch {
    return fail([zh.host.unreachable]);
  }
  if (response.status === 401 || response.status === 403) return fail([zh.host.tokenExpired]);
  try {
    return (await response.json()) as HostResult<T>;
  } catch {
    return fail([zh.host.unreachable]);
  }
}

/** Offers an exported file as a browser download as well (it is already saved in the exports folder). */
async function offerDownload(fileName: string): Promise<void> {
  const response = await fetch(`/api/exports/${encodeURIComponent(fileName)}`, { headers: { [TOKEN_HEADER]: await token() } });
  if (!response.ok) return;
  saveBlob(fileName, await response.blob());
}

/** A call that saves a file in the exports folder, which is then offered as a browser download too. */
async function exported(method: HostMethod, request: unknown): Promise<HostResult<ExportResult>> {
  const result = await call<ExportResult>(method, request);
  if (result.ok) await offerDownload(result.value.fileName);
  if (result.ok && result.value.companion) await offerDownload(result.value.companion.fileName);
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
    readingMap: (request) => call('readingMap', request),
  };
}
