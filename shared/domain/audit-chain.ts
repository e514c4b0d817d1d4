/**
 * The audit log is append-only and hash-chained: every entry carries the hash of the one before,
 * and a head record carries the count and the last hash. Editing an entry changes its hash;
 * removing one breaks the link of the next, or (for the last) disagrees with the head.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { zh } from '../messages/zh-CN';
import type { AuditEntry } from '../schema/records';

export const AUDIT_GENESIS = `sha256:${'0'.repeat(64)}`;

/**
 * What an entry's hash covers: every field of the audit entry (shared/schema/records.ts) but the two
 * hashes. The action is any text here: the chain checks entries, it does not judge their actions.
 */
export type AuditFields = Omit<AuditEntry, 'action' | 'prevHash' | 'hash'> & { action: string };

export type ChainedAuditEntry = AuditFields & Pick<AuditEntry, 'prevHash' | 'hash'>;

export interface AuditHead {
  count: number;
  lastSeq: number;
  lastHash: string;
}

export function auditEntryHash(fields: AuditFields, prevHash: string): string {
  const canonical = JSON.stringify([
    'tally-desk/audit/1',
    prevHash,
    fields.seq,
    fields.workbookId,
    fields.meetingId,
    fields.ballotId,
    fields.action,
    fields.at,
    fields.deviceId,
    fields.detail,
    // Only when present, so entries written before the field existed keep their hashes. Spelled out
    // field by field: a file read back through its schema may list an object's keys in another order.
    ...(fields.correction ? [[fields.correction.openedBy, fields.correction.before, fields.correction.after]] : []),
  ]);
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonical)))}`;
}

export interface AuditProblem {
  seq: number | null;
  kind: 'edited' | 'broken-link' | 'head-mismatch';
  message: string;
}

/** Checks the whole chain (entries in any order) against the head; an empty list means intact. */
export function verifyAuditChain(entries: readonly ChainedAuditEntry[], head: AuditHead | null): AuditProblem[] {
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  const problems: AuditProblem[] = [];
  let previousHash = AUDIT_GENESIS;
  for (const entry of ordered) {
    if (entry.prevHash !== previousHash) {
      problems.push({ seq: entry.seq, kind: 'broken-link', message: zh.audit.brokenLink(entry.seq) });
    }
    if (auditEntryHash(entry, entry.prevHash) !== entry.hash) {
      problems.push({ seq: entry.seq, kind: 'edited', message: zh.audit.edited(entry.seq) });
    }
    previousHash = entry.hash;
  }
  const last = ordered.at(-1);
  const headAgrees =
    head === null ? ordered.length === 0 : head.count === ordered.length && head.lastSeq === (last?.seq ?? 0) && head.lastHash === (last?.hash ?? AUDIT_GENESIS);
  if (!headAgrees) problems.push({ seq: null, kind: 'head-mismatch', message: zh.audit.headMismatch(head?.count ?? 0, ordered.length) });
  return problems;
}
