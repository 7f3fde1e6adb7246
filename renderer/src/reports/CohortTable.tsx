// Cohorts by month of first purchase: how many customers first bought in each month, and how many
// of them bought again 1 to 12 months later. A month not reached yet shows a dash, not a nought.
import type { Output } from '../../../shared/contract';
import { todayIso } from '../../../shared/dates';
import { CsvButton } from '../ui/CsvButton';

type Cohort = Output<'reports.repeat'>['cohorts'][number];
const AFTER = Array.from({ length: 12 }, (_, i) => i + 1);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-04" → "Apr 2025". */
const monthWords = (month: string) =>
  `${MONTHS[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}`;
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

export function CohortTable({ cohorts }: { cohorts: Cohort[] }) {
  const now = monthIndex(todayIso());
  /** A cohort's cells as the table reads them: '' for a month still to come. */
  const cells = (c: Cohort) => AFTER.map((n) => (monthIndex(c.month) + n > now ? '' : String(c.returned[n - 1] ?? 0)));
  const headers = ['Month of first purchase', 'Customers', ...AFTER.map((n) => `After ${n} month${n > 1 ? 's' : ''}`)];
  return (
    <>
      {/* Thirteen columns may be wider than the window: the box scrolls, and takes the focus to do it by keyboard. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="reports__scroll" aria-label="Cohorts, scrolls sideways" tabIndex={0}>
        <table className="table">
          <caption>Customers by the month they first bought, and how many bought again in each month after</caption>
          <thead>
            <tr>
              {headers.map((h, i) => (
                <th key={h} scope="col" className={i > 0 ? 'table__num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.month}>
                <th scope="row">{monthWords(c.month)}</th>
                <td className="table__num">{c.customers.toLocaleString('en-GB')}</td>
                {cells(c).map((v, i) => (
                  <td key={AFTER[i]} className="table__num">
                    {v === '' ? '—' : Number(v).toLocaleString('en-GB')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <CsvButton
        name="cohorts"
        rows={() => [headers, ...cohorts.map((c) => [monthWords(c.month), String(c.customers), ...cells(c)])]}
      />
    </>
  );
}
