import { describe, expect, it } from 'vitest';
import type { AuditHead, ChainedAuditEntry } from './audit-chain';
import { AUDIT_GENESIS, auditEntryHash, verifyAuditChain } from './audit-chain';

function chain(count: number): { entries: ChainedAuditEntry[]; head: AuditHead } {
  const entries: ChainedAuditEntry[] = [];
  let prevHash = AUDIT_GENESIS;
  for (let seq = 1; seq <= count; seq++) {
    const fields = { seq, workbookId: 'w', meetingId: 'm', ballotId: `b${seq}`, action: 'ballot-added', at: `2026-11-29T08:00:0${seq}Z`, deviceId: 'd', detail: `录入第 ${seq} 张选票` };
    const hash = auditEntryHash(fields, prevHash);
    entries.push({ ...fields, prevHash, hash });
    prevHash = hash;
  }
  return { entries, head: { count, lastSeq: count, lastHash: prevHash } };
}

describe('the audit chain', () => {
  it('verifies an intact log', () => {
    const { entries, head } = chain(5);
    expect(verifyAuditChain(entries, head)).toEqual([]);
    expect(verifyAuditChain([], null)).toEqual([]);
  });

  it('detects an edited entry', () => {
    const { entries, head } = chain(5);
    entries[2] = { ...entries[2]!, detail: '录入第 9 张选票' };
    expect(verifyAuditChain(entries, head).map((p) => [p.kind, p.seq])).toEqual([['edited', 3]]);
  });

  it('detects an entry removed from the middle', () => {
    const { entries, head } = chain(5);
    entries.splice(1, 1);
    const problems = verifyAuditChain(entries, head);
    expect(problems.map((p) => [p.kind, p.seq])).toEqual([
      ['broken-link', 3],
      ['head-mismatch', null],
    ]);
  });

  it('detects the last entry removed, and an entry re-hashed to hide an edit', () => {
    const { entries, head } = chain(5);
    expect(verifyAuditChain(entries.slice(0, 4), head).map((p) => p.kind)).toEqual(['head-mismatch']);
    const forged = entries.map((e) => ({ ...e }));
    forged[1]!.detail = '改动';
    forged[1]!.hash = auditEntryHash(forged[1]!, forged[1]!.prevHash);
    expect(verifyAuditChain(forged, head).map((p) => [p.kind, p.seq])).toEqual([['broken-link', 3]]);
  });
});
