/** What the renderer (or the CLI) hands the services to write a meeting's Excel summary. */
import { z } from 'zod';
import { VOID } from '../domain/ballot';

const count = z.number().int().min(0).max(10_000_000);
const text = (max: number) => z.string().max(max);

const fractionSchema = z.object({ numerator: count, denominator: z.number().int().min(1).max(1_000_000) });
const comparisonSchema = z.enum(['>', '>=', '<', '<=']);

export const ballotFormSchema = z.object({
  id: text(100).min(1),
  name: text(200),
  kind: z.enum(['grade', 'recommend']),
  questions: z
    .array(
      z.object({
        id: text(100).min(1),
        label: text(100).min(1),
        options: z.array(z.object({ label: text(50).min(1), short: text(10) })).min(1).max(20),
      }),
    )
    .min(1)
    .max(20),
  rates: z
    .array(
      z.object({
        id: text(100).min(1),
        name: text(100).min(1),
        questionId: text(100).min(1),
        numerator: z.array(text(50)).min(1),
        base: z.enum(['expected', 'present', 'issued', 'returned', 'valid']),
        flag: z
          .object({ comparison: comparisonSchema, threshold: fractionSchema, severity: z.enum(['serious', 'warning', 'info']) })
          .nullable(),
      }),
    )
    .max(50),
  recommend: z.object({ maxSelections: z.number().int().min(1).max(1000), writeInsAllowed: z.boolean() }).nullable(),
});

export const meetingCountsSchema = z.object({ expected: count, present: count, issued: count, returned: count });

export const quorumRuleSchema = z.object({
  comparison: z.enum(['>', '>=']),
  threshold: fractionSchema,
  minPresent: count.nullable(),
});

export const ballotRecordSchema = z.object({
  number: z.number().int().min(1).max(10_000_000),
  invalidReason: text(200).nullable(),
  marks: z.array(z.number().int().min(VOID).max(19)).max(10_000),
  writeIns: z.array(text(100)).max(1000),
});

export const personSchema = z.object({
  name: text(100).min(1),
  currentPost: text(100),
  proposedPost: text(100),
});

export const meetingExportSchema = z.object({
  township: text(100),
  unit: text(100),
  teamName: text(100),
  meetingTitle: text(200),
  /** YYYY-MM-DD, the day the meeting was held. */
  meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  form: ballotFormSchema,
  candidates: z.array(personSchema).min(1).max(5000),
  counts: meetingCountsSchema,
  quorum: quorumRuleSchema,
  ballots: z.array(ballotRecordSchema).max(1_000_000),
});

export type MeetingExport = z.infer<typeof meetingExportSchema>;

export const exportResultSchema = z.object({ fileName: z.string(), savedPath: z.string() });
export type ExportResult = z.infer<typeof exportResultSchema>;
