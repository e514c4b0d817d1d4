/**
 * The files of a scan pass (扫描录入) outside the app: the pass a `scan` run writes (pass.json), and
 * the decisions a person made elsewhere (`--review-file`), which a later run applies. A decision is
 * keyed by the page image's hash and the item (shared/scan/scan-pass.ts), so it stays with its
 * paper whatever order the stack is scanned in.
 */
import { z } from 'zod';
import { ballotRecordSchema } from '../schema/meeting';

export const SCAN_PASS_KIND = 'tally-desk-scan-pass';
export const SCAN_REVIEW_KIND = 'tally-desk-scan-review';
/** A review file larger than this is no person's decisions on one meeting's ballots. */
export const MAX_REVIEW_FILE_BYTES = 20 * 1024 * 1024;

const key = z.string().min(1).max(200);
const person = z.string().trim().min(1).max(50);

/**
 * One decision: for an item, the option as the form names it (or its number 1…k), `弃权` or `无效`
 * (for a recommendation: `√` or `弃权`); for a write-in line, the name written ('' when nothing is).
 */
export const reviewDecisionSchema = z.union([
  z.object({ key, mark: z.union([z.string().trim().min(1).max(50), z.number().int().min(1).max(20)]), by: person }).strict(),
  z.object({ key, name: z.string().max(100), by: person }).strict(),
]);

export const reviewFileSchema = z
  .object({
    kind: z.literal(SCAN_REVIEW_KIND),
    version: z.literal(1),
    decisions: z.array(reviewDecisionSchema).max(200_000),
  })
  .strict();
export type ReviewFile = z.infer<typeof reviewFileSchema>;

const pageRef = z.object({ file: z.string().max(1000), page: z.number().int().min(1).nullable(), imageHash: z.string().max(200) });

export const scanPassFileSchema = z.object({
  kind: z.literal(SCAN_PASS_KIND),
  version: z.literal(1),
  meeting: z.object({
    township: z.string().max(100),
    unit: z.string().max(100),
    meetingTitle: z.string().max(200),
    meetingDate: z.string().max(10),
    meetingKey: z.string().max(20),
    formKey: z.string().max(20),
    form: z.string().max(200),
    candidates: z.array(z.string().max(100)).max(5000),
  }),
  /** Every ballot's items decided, by the machine or a person: the pass can be counted. */
  complete: z.boolean(),
  counts: z.record(z.string(), z.number().int().min(0)),
  /** Who decided the doubtful items (the `by` of the decisions), for the result sheet. */
  reviewedBy: z.array(person).max(100),
  ballots: z
    .array(
      z.object({
        number: z.number().int().min(1),
        pages: z.array(pageRef).max(99),
        record: ballotRecordSchema.nullable(),
        decidedBy: z.object({ machine: z.number().int().min(0), person: z.number().int().min(0) }),
      }),
    )
    .max(1_000_000),
  pending: z
    .array(
      z.object({
        key,
        ballot: z.number().int().min(1),
        file: z.string().max(1000),
        page: z.number().int().min(1).nullable(),
        what: z.string().max(300),
        boxes: z.array(z.object({ option: z.string().max(50), fill: z.number(), class: z.string().max(20) })).max(20),
      }),
    )
    .max(1_000_000),
  problems: z.array(pageRef.extend({ message: z.string().max(500) })).max(1_000_000),
});
export type ScanPassFile = z.infer<typeof scanPassFileSchema>;
