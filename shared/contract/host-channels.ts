/** IPC channel (desktop) and URL path segment (browser mode) of each HostApi call: kebab-case, fixed. */
export const HOST_CHANNELS = {
  getHostInfo: 'get-host-info',
  exportMeetingSummary: 'export-meeting-summary',
  exportAuditLog: 'export-audit-log',
  verifyExport: 'verify-export',
  readGridFile: 'read-grid-file',
  exportWorkbook: 'export-workbook',
  printDocument: 'print-document',
  writeSnapshot: 'write-snapshot',
  listSnapshots: 'list-snapshots',
  readSnapshot: 'read-snapshot',
  keepSnapshot: 'keep-snapshot',
  exportRollup: 'export-rollup',
  writeWorkbookFile: 'write-workbook-file',
  readWorkbookFile: 'read-workbook-file',
  rollupFiles: 'rollup-files',
  exportLedger: 'export-ledger',
  printInterviews: 'print-interviews',
  readingMap: 'reading-map',
} as const;

export type HostMethod = keyof typeof HOST_CHANNELS;

export function methodForChannel(channel: string): HostMethod | null {
  const entry = Object.entries(HOST_CHANNELS).find(([, c]) => c === channel);
  return entry ? (entry[0] as HostMethod) : null;
}
