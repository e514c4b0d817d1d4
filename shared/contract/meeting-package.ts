/**
 * The meeting package (会议文件): how double entry crosses to a second laptop. Laptop A sends the
 * meeting without any ballots (the second person must not see the first pass); laptop B enters its
 * pass and sends its ballots back. Every file is validated whole before anything is stored.
 */
import { z } from 'zod';
import { ballotFormSchema } from '../schema/form';
import { ballotRecordSchema, meetingCountsSchema, quorumRuleSchema, respondentGroupSchema } from '../schema/meeting';
import { personSchema } from './meeting-export';

export const MEETING_PACKAGE_FORMAT = 'tally-desk/meeting-package';
export const MEETING_PACKAGE_EXTENSION = '.tally-meeting.json';

const text = (max: number) => z.string().max(max);
const id = text(200).min(1);

export const packagedBallotSchema = ballotRecordSchema.extend({
  id,
  deviceId: text(60).min(1),
  seq: z.number().int().min(1),
  enteredAt: text(40),
  pass: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  supersedes: id.nullable(),
  deleted: z.boolean(),
  note: text(500).nullable(),
});

export const meetingPackageSchema = z.object({
  format: z.literal(MEETING_PACKAGE_FORMAT),
  version: z.literal(1),
  /** 'second-pass': the meeting sent out to be entered again; 'ballots': a pass's ballots sent back. */
  purpose: z.enum(['second-pass', 'ballots']),
  exportedAt: text(40),
  fromDevice: text(60),
  workbook: z.object({
    id,
    teamName: text(100),
    teamMembers: z.array(text(100)).max(50),
    township: text(100),
    unit: text(100),
    candidates: z.array(personSchema.extend({ id })).max(5000),
  }),
  meeting: z.object({
    id,
    title: text(200),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    formSourceId: text(200),
    form: ballotFormSchema,
    candidates: z.array(personSchema.extend({ personId: id })).min(1).max(5000),
    counts: meetingCountsSchema,
    quorum: quorumRuleSchema,
    groups: z.array(respondentGroupSchema).max(50).nullable(),
    announce: z.enum(['open', 'sealed']),
  }),
  pass: z.union([z.literal(1), z.literal(2)]),
  ballots: z.array(packagedBallotSchema).max(1_000_000),
});

export type MeetingPackage = z.infer<typeof meetingPackageSchema>;
