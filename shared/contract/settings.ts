// The organisation's settings: idle lock, approvals, and when records are stale or redundant.
import { z } from 'zod';
import { ANY_SIGNED_IN, OWNER } from './roles';

export const Settings = z.object({
  idle_lock_minutes: z
    .number()
    .int('Give a whole number of minutes.')
    .min(1, 'At least one minute.')
    .max(240, 'At most 240 minutes (four hours).'),
  /** Requests from third parties (another organisation, the police) need a manager's approval. */
  third_party_needs_approval: z.boolean(),
  /** Records not verified with the customer for this long join the verification worklist. */
  stale_after_months: z
    .number()
    .int('Give a whole number of months.')
    .min(1, 'At least one month.')
    .max(600, 'At most 600 months (50 years).'),
  /** No activity (or archived) for this long, and the record is proposed for deletion. */
  redundant_after_years: z
    .number()
    .int('Give a whole number of years.')
    .min(1, 'At least one year.')
    .max(100, 'At most 100 years.'),
  /**
   * Backups (electron/core/backups/): the folder they go to ('' while none is chosen), how often
   * one is made while the file is open, and after how long without a good one a warning shows.
   */
  backup_folder: z.string().trim().max(1000, 'The folder path is too long.'),
  backup_every_hours: z
    .number()
    .int('Give a whole number of hours.')
    .min(1, 'At least one hour.')
    .max(168, 'At most 168 hours (a week).'),
  backup_warn_after_days: z
    .number()
    .int('Give a whole number of days.')
    .min(1, 'At least one day.')
    .max(90, 'At most 90 days.'),
});
export type Settings = z.infer<typeof Settings>;

export const settings = {
  'settings.get': { input: z.object({}), output: Settings, roles: ANY_SIGNED_IN },
  'settings.update': { input: Settings.partial(), output: Settings, roles: OWNER },
} as const;
