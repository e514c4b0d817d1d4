/** A whole workbook (one team, one village) exported at once: 考察对象情况一览表 and every meeting. */
import { z } from 'zod';
import { meetingExportSchema } from './meeting-export';

const text = (max: number) => z.string().max(max);
const count = z.number().int().min(0).max(10_000_000);
const note = text(20_000);

export const workbookPersonSchema = z.object({
  name: text(100).min(1),
  gender: text(10),
  birthDate: text(20),
  politicalStatus: text(50),
  education: text(50),
  workUnit: text(100),
  currentPost: text(100),
  proposedPost: text(100),
  /** The joint review's conclusion on the person (absent: no plan). */
  review: z.object({ status: z.enum(['disqualified', 'needs-decision', 'issue', 'incomplete', 'pass']), summary: text(5000) }).optional(),
  /** Individual interviews: how many, and the opinions on this person on the plan's basis. */
  interviews: z
    .object({
      held: count,
      agree: count,
      disagree: count,
      other: count,
      approval: z.object({ numerator: count, denominator: count.min(1) }).nullable(),
      flags: z.array(text(500)).max(20),
    })
    .optional(),
  /** The team's judgement: notes on 德、能、勤、绩、廉 and the overall view. */
  conclusion: z.object({ de: note, neng: note, qin: note, ji: note, lian: note, overall: note }).optional(),
});

/** An interview with its notes, exported only when the user asks for them. */
export const interviewExportSchema = z.object({
  interviewee: text(100),
  category: text(100),
  date: text(20),
  place: text(200),
  interviewers: z.array(text(100)).max(20),
  recorder: text(100),
  remarks: z.array(z.object({ name: text(100), opinion: text(20), strengths: note, weaknesses: note, problems: note })).max(5000),
});

export const workbookExportSchema = z.object({
  township: text(100),
  unit: text(100),
  teamName: text(100),
  /** YYYY-MM-DD: the day of the export, for the file name and the heading. */
  exportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  people: z.array(workbookPersonSchema).max(5000),
  meetings: z.array(meetingExportSchema).max(50),
  /** Interviews held against the plan's must-interview categories: the categories still lacking. */
  interviewCoverage: z
    .object({ total: count, lacking: z.array(z.object({ name: text(100), missing: count })).max(100) })
    .optional(),
  /** The assessment plan, stated under the 一览表 (absent: the workbook has none). */
  planStatement: z.array(text(2000)).max(20).optional(),
  /** Interview notes: present only when the user chose to include them (they are confidential). */
  interviewRecords: z.array(interviewExportSchema).max(10_000).optional(),
});

export type WorkbookExport = z.infer<typeof workbookExportSchema>;
export type WorkbookPerson = z.infer<typeof workbookPersonSchema>;
export type InterviewExport = z.infer<typeof interviewExportSchema>;
