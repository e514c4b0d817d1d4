/**
 * The sandboxed preload: one function per HostApi entry, nothing else crosses into the page.
 * `satisfies HostApi` makes the compiler check it against what the renderer expects.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { HostApi } from '../../shared/contract/host-api';
import { HOST_CHANNELS } from '../../shared/contract/host-channels';

const api = {
  getHostInfo: () => ipcRenderer.invoke(HOST_CHANNELS.getHostInfo),
  exportMeetingSummary: (request) => ipcRenderer.invoke(HOST_CHANNELS.exportMeetingSummary, request),
  exportAuditLog: (request) => ipcRenderer.invoke(HOST_CHANNELS.exportAuditLog, request),
  verifyExport: (request) => ipcRenderer.invoke(HOST_CHANNELS.verifyExport, request),
  readGridFile: (request) => ipcRenderer.invoke(HOST_CHANNELS.readGridFile, request),
  exportWorkbook: (request) => ipcRenderer.invoke(HOST_CHANNELS.exportWorkbook, request),
  printDocument: (request) => ipcRenderer.invoke(HOST_CHANNELS.printDocument, request),
  writeSnapshot: (request) => ipcRenderer.invoke(HOST_CHANNELS.writeSnapshot, request),
  listSnapshots: () => ipcRenderer.invoke(HOST_CHANNELS.listSnapshots),
  readSnapshot: (request) => ipcRenderer.invoke(HOST_CHANNELS.readSnapshot, request),
  keepSnapshot: (request) => ipcRenderer.invoke(HOST_CHANNELS.keepSnapshot, request),
  exportRollup: (request) => ipcRenderer.invoke(HOST_CHANNELS.exportRollup, request),
  writeWorkbookFile: (request) => ipcRenderer.invoke(HOST_CHANNELS.writeWorkbookFile, request),
  readWorkbookFile: (request) => ipcRenderer.invoke(HOST_CHANNELS.readWorkbookFile, request),
  rollupFiles: (request) => ipcRenderer.invoke(HOST_CHANNELS.rollupFiles, request),
  exportLedger: (request) => ipcRenderer.invoke(HOST_CHANNELS.exportLedger, request),
  printInterviews: (request) => ipcRenderer.invoke(HOST_CHANNELS.printInterviews, request),
  readingMap: (request) => ipcRenderer.invoke(HOST_CHANNELS.readingMap, request),
} satisfies HostApi;

contextBridge.exposeInMainWorld('api', api);
