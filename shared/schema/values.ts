/**
 * The few constants the schemas are built from and the rules use at run time, in a module without
 * zod: the domain imports them from here, so code that only counts (the command line's `tally`)
 * never loads zod and its schemas (about 0.75 MB of JavaScript to parse at every start).
 */

/** Item left blank: an abstention (弃权), or "no tick" on a recommendation ballot. */
export const BLANK = -1;
/** Item void: two options marked for one candidate, or a mark that cannot be read. */
export const VOID = -2;

/** The kinds of rate a form can compute (shared/schema/form.ts `rateKindSchema`). */
export const RATE_KINDS = ['excellent', 'competent-or-better', 'incompetent', 'satisfied', 'approved', 'vote-share', 'good', 'custom'] as const;

/** The assessment plan presets (shared/schema/assessment.ts `planPresetIdSchema`). */
export const PLAN_PRESET_IDS = ['village', 'community'] as const;
