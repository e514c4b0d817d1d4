/**
 * Crafted workbook files, each built here by a generator: oversized, deeply nested, an encrypted
 * file whose inside is newer or differs from its envelope, a changed date or device outside the
 * content, an iteration count chosen by the file, stray characters in base64, impossible dates, a
 * forged plain file. Each is refused with the reason, or read with the caveat the user is told;
 * files written by earlier versions still open.
 */
import { createCipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TransferContent } from '../../shared/contract/workbook-file';
import { MAX_WORKBOOK_FILE_BYTES, WORKBOOK_FILE_FORMAT } from '../../shared/contract/workbook-file';
import { sortContent } from '../../shared/domain/merge';
import { canonicalJson } from '../../shared/format/canonical-json';
import { zh } from '../../shared/messages/zh-CN';
import { teamContent } from '../../tests/support/team-files';
import { mergeWorkbookFiles } from './merge-files';
import { decodeWorkbookFile, encodeWorkbookFile, readWorkbookFileBytes } from './workbook-file';

const t = zh.workbookFile;
const work = mkdtempSync(path.join(tmpdir(), 'tally-crafted-wb-'));
const content = (team = 1): TransferContent => sortContent(teamContent({ team, township: '大同镇', people: 3, ballots: 4 }));
const sha = (...parts: string[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part, 'utf8');
  return `sha256:${hash.digest('hex')}`;
};

interface PlainFields {
  version?: number;
  createdAt?: string;
  fromDevice?: string;
  purpose?: string;
}

/** A plain file as the given version writes it: version 3 checksums every field, earlier versions the content only. */
function plainText(body: unknown, fields: PlainFields = {}, checksumOf: PlainFields = fields): string {
  const header = (f: PlainFields) => ({
    createdAt: f.createdAt ?? '2026-11-20T08:00:00.000Z',
    format: WORKBOOK_FILE_FORMAT,
    fromDevice: f.fromDevice ?? 'dev001',
    purpose: f.purpose ?? 'transfer',
    version: f.version ?? 3,
  });
  const bodyJson = canonicalJson(body);
  const summed = header({ ...fields, ...checksumOf });
  const checksum = summed.version >= 3 ? sha(canonicalJson(summed), '\n', bodyJson) : sha(bodyJson);
  return canonicalJson({ ...header(fields), checksum, content: body });
}

/** Seals any inner text as an encrypted file of the given version: v3 with the envelope as additional data, v1–2 with the count written in. */
function sealed(inner: string, password: string, options: { version?: number; iterations?: number; aad?: boolean } = {}): Buffer {
  const version = options.version ?? 3;
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const key = pbkdf2Sync(password.normalize('NFC'), salt, options.iterations ?? 600_000, 32, 'sha256');
  const encryption: Record<string, unknown> = { kdf: 'PBKDF2-SHA256', salt: salt.toString('base64'), cipher: 'AES-256-GCM', iv: iv.toString('base64') };
  if (version < 3) encryption.iterations = options.iterations ?? 600_000;
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (options.aad ?? version >= 3) cipher.setAAD(Buffer.from(canonicalJson({ encryption, format: WORKBOOK_FILE_FORMAT, version })));
  const body = Buffer.concat([cipher.update(inner, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return Buffer.from(canonicalJson({ ciphertext: body.toString('base64'), encryption, format: WORKBOOK_FILE_FORMAT, version }));
}

async function refusal(bytes: Uint8Array, password: string | null = null): Promise<string> {
  const result = await decodeWorkbookFile(bytes, 'crafted.tallydesk', password);
  return result.status === 'refused' ? result.message : result.status;
}

describe('a crafted workbook file', () => {
  it('over the size cap is given up while reading: a 500 MB file and /dev/zero never come into memory', async () => {
    const huge = path.join(work, 'huge.tallydesk');
    // Sparse: 500 MB on paper, nothing on disk.
    const fd = openSync(huge, 'w');
    closeSync(fd);
    const { truncateSync } = await import('node:fs');
    truncateSync(huge, 500 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    expect(await readWorkbookFileBytes(huge)).toEqual({ ok: false, errors: [{ reason: 'too-large' }] });
    const zeros = await readWorkbookFileBytes('/dev/zero', 16 * 1024 * 1024);
    expect(zeros).toEqual({ ok: false, errors: [{ reason: 'too-large' }] });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    // A file at the cap's edge is still read whole.
    const small = path.join(work, 'small.tallydesk');
    writeFileSync(small, await encodeWorkbookFile(content(), { purpose: 'transfer', fromDevice: 'dev001' }));
    const read = await readWorkbookFileBytes(small);
    expect(read.ok && (await decodeWorkbookFile(read.value, 'small.tallydesk')).status).toBe('ok');
    expect(MAX_WORKBOOK_FILE_BYTES).toBeLessThan(500 * 1024 * 1024);
  });

  it('nested 100,000 levels deep is refused before parsing, plain or inside the encryption', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const plain = Buffer.from(`{"checksum":"sha256:${'0'.repeat(64)}","content":{"workbooks":${deep}},"format":"${WORKBOOK_FILE_FORMAT}","version":3}`);
    expect(await refusal(plain)).toContain(t.tooDeep(64));
    const inner = sealed(`{"content":${deep},"format":"${WORKBOOK_FILE_FORMAT}","version":3}`, '秘密口令2026');
    expect(await refusal(inner, '秘密口令2026')).toContain(t.tooDeep(64));
    // Brackets inside names are text, not nesting.
    const withBrackets = content();
    withBrackets.workbooks[0]!.teamName = '['.repeat(90);
    expect((await decodeWorkbookFile(await encodeWorkbookFile(withBrackets, { purpose: 'transfer', fromDevice: 'dev001' }), 'b.tallydesk')).status).toBe('ok');
  });

  it('encrypted, with a newer inner version, is refused naming it, as a plain one is', async () => {
    const newer = plainText(content(), { version: 9 });
    expect(await refusal(Buffer.from(newer))).toContain(t.newer(9));
    expect(await refusal(sealed(newer, '秘密口令2026'), '秘密口令2026')).toContain(t.newer(9));
    // An older inside in a newer envelope (or the reverse) is a changed file, whatever the password.
    const older = plainText(content(), { version: 2 });
    expect(await refusal(sealed(older, '秘密口令2026'), '秘密口令2026')).toContain(t.innerVersion('2', 3));
    expect(await refusal(sealed(plainText(content()), '秘密口令2026', { version: 2 }), '秘密口令2026')).toContain(t.innerVersion('3', 2));
  });

  it('with a changed date, device or purpose outside the content is refused: the checksum covers every field', async () => {
    const body = content();
    expect((await decodeWorkbookFile(Buffer.from(plainText(body)), 'ok.tallydesk')).status).toBe('ok');
    for (const changed of [{ createdAt: '2020-01-01T00:00:00.000Z' }, { fromDevice: 'someone-else' }, { purpose: 'snapshot' }]) {
      const forgedField = plainText(body, changed, { createdAt: '2026-11-20T08:00:00.000Z', fromDevice: 'dev001', purpose: 'transfer' });
      expect(await refusal(Buffer.from(forgedField))).toContain(t.checksum);
    }
    // And what the app writes has them covered too.
    const written = (await encodeWorkbookFile(body, { purpose: 'transfer', fromDevice: 'dev001', createdAt: '2026-11-20T08:00:00.000Z' })).toString('utf8');
    expect(await refusal(Buffer.from(written.replace('"fromDevice":"dev001"', '"fromDevice":"dev002"')))).toContain(t.checksum);
  });

  it('encrypted without the envelope bound as additional data is refused, like a changed byte', async () => {
    const inner = plainText(content());
    expect((await decodeWorkbookFile(sealed(inner, '秘密口令2026'), 'ok.tallydesk', '秘密口令2026')).status).toBe('ok');
    expect(await refusal(sealed(inner, '秘密口令2026', { aad: false }), '秘密口令2026')).toContain(t.wrongPassword);
  });

  it('naming its own iteration count is refused before any key is derived (a weak count or one that would hang)', async () => {
    const inner = plainText(content(), { version: 2 });
    const weak = sealed(inner, '秘密口令2026', { version: 2, iterations: 100_000 });
    expect(await refusal(weak, '秘密口令2026')).toContain(t.damaged);
    const huge = JSON.parse(weak.toString('utf8')) as { encryption: { iterations: number } };
    huge.encryption.iterations = 10_000_000;
    const started = Date.now();
    expect(await refusal(Buffer.from(canonicalJson(huge)), '秘密口令2026')).toContain(t.damaged);
    expect(Date.now() - started).toBeLessThan(1000);
    // A version 3 file carries no count at all.
    const v3 = JSON.parse(sealed(plainText(content()), '秘密口令2026').toString('utf8')) as { encryption: Record<string, unknown> };
    v3.encryption.iterations = 600_000;
    expect(await refusal(Buffer.from(canonicalJson(v3)), '秘密口令2026')).toContain(t.damaged);
  });

  it('with stray characters in its base64 is refused as damaged, not skipped over', async () => {
    const good = JSON.parse(sealed(plainText(content()), '秘密口令2026').toString('utf8')) as { ciphertext: string; encryption: { salt: string } };
    const middle = Math.floor(good.ciphertext.length / 2);
    for (const stray of ['!', '\n', ' ', '-', '*']) {
      const bad = { ...good, ciphertext: `${good.ciphertext.slice(0, middle)}${stray}${good.ciphertext.slice(middle)}` };
      expect(await refusal(Buffer.from(canonicalJson(bad)), '秘密口令2026')).toContain(t.damaged);
    }
    const badSalt = { ...good, encryption: { ...good.encryption, salt: `${good.encryption.salt.slice(0, -3)}?==` } };
    expect(await refusal(Buffer.from(canonicalJson(badSalt)), '秘密口令2026')).toContain(t.damaged);
  });

  it('with an impossible date is refused, naming the field', async () => {
    for (const date of ['2026-13-45', '2026-02-30', '2026-00-10']) {
      const body = content();
      body.meetings[0]!.date = date;
      expect(await refusal(Buffer.from(plainText(body)))).toContain(t.invalid('content.meetings.0.date'));
    }
    expect(await refusal(Buffer.from(plainText(content(), { createdAt: '2026-13-45T08:00:00.000Z' })))).toContain(t.invalid('createdAt'));
    const body = content();
    body.ballots[0]!.enteredAt = '2026-11-20T25:61:00.000Z';
    expect(await refusal(Buffer.from(plainText(body)))).toContain(t.invalid('content.ballots.0.enteredAt'));
  });

  it('forged in plain text opens (anyone can recompute its checksum), and merge says it is unauthenticated; an encrypted one does not', async () => {
    const forged = content(2);
    forged.ballots[0]!.marks = forged.ballots[0]!.marks.map(() => 0);
    const plainFile = { fileName: '伪造.tallydesk', bytes: Buffer.from(plainText(forged)) };
    const lockedFile = { fileName: '加密.tallydesk', bytes: await encodeWorkbookFile(content(3), { purpose: 'transfer', fromDevice: 'dev003', password: '秘密口令2026' }) };
    const merged = await mergeWorkbookFiles([plainFile, lockedFile], ['秘密口令2026']);
    const byName = new Map(merged.files.map((f) => [f.fileName, f]));
    expect(byName.get('伪造.tallydesk')?.status).toBe('merged');
    expect(byName.get('伪造.tallydesk')?.message).toContain(t.unauthenticated);
    expect(byName.get('加密.tallydesk')?.status).toBe('merged');
    expect(byName.get('加密.tallydesk')?.message).not.toContain(t.unauthenticated);
  });

  it('written by version 1 or 2, plain or encrypted with the count it names, still opens', async () => {
    const body = content(4);
    const v2 = await decodeWorkbookFile(Buffer.from(plainText(body, { version: 2 })), 'v2.tallydesk');
    expect(v2.status === 'ok' && canonicalJson(v2.file.content)).toBe(canonicalJson(body));
    const v2sealed = await decodeWorkbookFile(sealed(plainText(body, { version: 2 }), '旧密码123', { version: 2 }), 'v2s.tallydesk', '旧密码123');
    expect(v2sealed.status === 'ok' && v2sealed.encrypted && v2sealed.file.content.ballots.length).toBe(body.ballots.length);
    const { plans: _p, interviews: _i, reviews: _r, risks: _k, conclusions: _c, ...v1Body } = body;
    const v1 = await decodeWorkbookFile(Buffer.from(plainText(v1Body, { version: 1 })), 'v1.tallydesk');
    expect(v1.status === 'ok' && v1.file.content.plans).toEqual([]);
    // An edited old file is still caught by the checksum it had.
    expect(await refusal(Buffer.from(plainText(body, { version: 2 }).replace('"seq":1,', '"seq":2,')))).toContain(t.checksum);
  });
});
