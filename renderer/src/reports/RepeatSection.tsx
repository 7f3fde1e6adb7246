// Coming back: how many buyers in the period bought again, the days between one visit and the next
// (mean and median), and the cohorts by month of first purchase.
import { useId } from 'react';
import { ErrorBanner } from '../ui/ErrorBanner';
import { CohortTable } from './CohortTable';
import type { Figures } from './FiguresFor';
import { useReport } from './useReport';
import { Waiting } from './Waiting';

const days = (n: number) => `${Math.round(n).toLocaleString('en-GB')} day${Math.round(n) === 1 ? '' : 's'}`;

export function RepeatSection({ figures }: { figures: Figures }) {
  const id = useId();
  const { data, error, busy } = useReport('reports.repeat', figures);
  return (
    <section className="card" aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h2 className="card__title" id={`${id}-title`}>
        Coming back
      </h2>
      <ErrorBanner message={error} />
      <Waiting busy={busy} figures={figures} />
      {data && (
        <p>
          {data.repeat_buyers.toLocaleString('en-GB')} of {data.buyers.toLocaleString('en-GB')} buyers came back (
          {Math.round(data.repeat_rate * 100)}%).
        </p>
      )}
      {data && data.mean_days_between !== null && data.median_days_between !== null && (
        <p>
          Between one visit and the next: {days(data.mean_days_between)} on average; half came back within{' '}
          {days(data.median_days_between)}.
        </p>
      )}
      {data && data.mean_days_between === null && <p>Nobody came back in this period, so there is no time between.</p>}
      {data &&
        (data.cohorts.length > 0 ? (
          <CohortTable cohorts={data.cohorts} />
        ) : (
          <p>Nobody first bought in this period, so there are no cohorts to show.</p>
        ))}
    </section>
  );
}
