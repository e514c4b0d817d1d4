/** A whole workbook (one team, one village) exported at once: 考察对象情况一览表 and every meeting. */
import { z } from 'zod';
import { meetingExportSchema } from './meeting-export';

const text = (max: number) => z.string().max(max);

export const workbookPersonSchema = z.object({
  name: text(100).min(1),
  gender: text(10),
  birthDate: text(20),
  politicalStatus: text(50),
  education: text(50),
  workUnit: text(100),
  currentPost: text(100),
  proposedPost: text(100),
});

export const workbookExportSchema = z.object({
  township: text(100),
  unit: text(100),
  teamName: text(100),
  /** YYYY-MM-DD: the day of the export, for the file name and the heading. */
  exportDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  people: z.array(workbookPersonSchema).max(5000),
  meetings: z.array(meetingExportSchema).max(50),
});

export type WorkbookExport = z.infer<typeof workbookExportSchema>;
export type WorkbookPerson = z.infer<typeof workbookPersonSchema>;
