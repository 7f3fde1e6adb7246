// The periods the Buying patterns page offers, as dates worked out from today: whole months for
// the rolling ones (so sales by month is read from the kept monthly counts, and a year's figures
// take seconds where all time takes half a minute at a million customers), calendar years, all
// time, or dates the person types. Pure: today is given, so the choices can be tested.
import { Period } from '../../../shared/segments';

export const PERIOD_CHOICES = ['last12', 'last24', 'thisYear', 'lastYear', 'all', 'custom'] as const;
export type PeriodChoice = (typeof PERIOD_CHOICES)[number];

export const PERIOD_LABELS: Record<PeriodChoice, string> = {
  last12: 'The last 12 months',
  last24: 'The last 2 years',
  thisYear: 'This calendar year',
  lastYear: 'Last calendar year',
  all: 'All time',
  custom: 'Dates I choose',
};

const two = (n: number) => String(n).padStart(2, '0');

/** The 1st of the month `back` months before today's month, as YYYY-MM-DD. */
function firstOfMonthBefore(today: string, back: number): string {
  const months = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - back;
  return `${Math.floor(months / 12)}-${two((months % 12) + 1)}-01`;
}

/** A preset's period on `today` (YYYY-MM-DD); an open end runs to today and on. */
export function presetPeriod(choice: Exclude<PeriodChoice, 'custom'>, today: string): Period {
  const year = Number(today.slice(0, 4));
  switch (choice) {
    case 'last12':
      return { from: firstOfMonthBefore(today, 11) };
    case 'last24':
      return { from: firstOfMonthBefore(today, 23) };
    case 'thisYear':
      return { from: `${year}-01-01` };
    case 'lastYear':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'all':
      return {};
  }
}

/**
 * Dates typed by the person: a period when they read as days (one may be left empty, for an open
 * end), with the contract's own words when they are in the wrong order, or nothing yet while none
 * is given (choosing "Dates I choose" must not ask for all time) or one does not read as a day
 * (the date box says why).
 */
export function chosenPeriod(from: string, to: string): { period: Period } | { problem: string | null } {
  const isDay = (v: string) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v);
  if (!isDay(from) || !isDay(to) || (from === '' && to === '')) return { problem: null };
  const parsed = Period.safeParse({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  return parsed.success ? { period: parsed.data } : { problem: parsed.error.issues[0]?.message ?? null };
}
