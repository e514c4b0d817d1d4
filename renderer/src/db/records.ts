/** The stored records are defined in shared/ (workbook files, merge and the command line read them too). */
export type * from '../../../shared/domain/records';
