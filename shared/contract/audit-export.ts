/** What the renderer hands the services to write the audit log (操作日志) as an Excel file. */
import { z } from 'zod';

const text = (max: number) => z.string().max(max);

export const auditExportSchema = z.object({
  /** Whose log: the unit (村/社区) or the whole computer. */
  scope: text(200),
  entries: z
    .array(
      z.object({
        seq: z.number().int().min(1),
        at: text(40),
        action: text(60),
        unit: text(200),
        meeting: text(200),
        detail: text(2000),
        deviceId: text(60),
        hash: text(80),
      }),
    )
    .max(1_000_000),
  /** The result of checking the hash chain: empty when intact. */
  problems: z.array(text(500)).max(10_000),
});

export type AuditExport = z.infer<typeof auditExportSchema>;
