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

  it('covers the before and after marks, and keeps the hash of entries without them', () => {
    const { entries, head } = chain(1);
    const plain = entries[0]!;
    // An entry without the field hashes as before the field existed (the value is fixed here).
    expect(auditEntryHash({ ...plain, correction: undefined }, plain.prevHash)).toBe(plain.hash);
    const correction = { openedBy: 'ctrl-g' as const, before: [0, 1, 2], after: [3, 1, 2] };
    const corrected = { ...plain, action: 'ballot-corrected', correction };
    const hash = auditEntryHash(corrected, AUDIT_GENESIS);
    expect(hash).not.toBe(plain.hash);
    const entry = { ...corrected, prevHash: AUDIT_GENESIS, hash };
    const intactHead = { ...head, lastHash: hash };
    expect(verifyAuditChain([entry], intactHead)).toEqual([]);
    // The same values with the keys in another order (a file read back) still verify.
    expect(verifyAuditChain([{ ...entry, correction: { after: [3, 1, 2], before: [0, 1, 2], openedBy: 'ctrl-g' } }], intactHead)).toEqual([]);
    for (const changed of [{ ...correction, before: [1, 1, 2] }, { ...correction, after: [3, 1, 1] }, { ...correction, openedBy: 'ctrl-z' as const }]) {
      expect(verifyAuditChain([{ ...entry, correction: changed }], intactHead).map((p) => p.kind)).toEqual(['edited']);
    }
  });
});
