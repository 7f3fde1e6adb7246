// What sells: sales by month, category, item, weekday, channel, venue, region or age band over the
// page's period and basis, as a chart and its table (downloadable), refunds taken off.
import { useId, useMemo } from 'react';
import { SALES_BY, type SalesBy } from '../../../shared/contract/reports';
import { formatPence, penceToPounds } from '../../../shared/format';
import { BarChartFigure } from '../ui/BarChartFigure';
import { CsvButton } from '../ui/CsvButton';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Options } from '../ui/Options';
import type { Figures } from './FiguresFor';
import { useReport } from './useReport';
import { Waiting } from './Waiting';

const SALES_LABELS: Record<SalesBy, string> = {
  month: 'Month',
  category: 'Category',
  item: 'Item',
  weekday: 'Day of the week',
  channel: 'Sales channel',
  venue: 'Venue',
  region: 'Region',
  age_band: 'Age band',
};

const ERASED = 'Customers since erased (totals only)';

export function SalesSection({ figures, by, setBy }: { figures: Figures; by: SalesBy; setBy: (by: SalesBy) => void }) {
  const id = useId();
  const input = useMemo(() => figures && { ...figures, by }, [figures, by]);
  const { data, error, busy } = useReport('reports.sales', input);
  const what = SALES_LABELS[by].toLowerCase();
  return (
    <section className="card" aria-labelledby={`${id}-title`} aria-busy={busy}>
      <h2 className="card__title" id={`${id}-title`}>
        What sells
      </h2>
      <span className="seg__input">
        <label htmlFor={`${id}-by`}>Sales by</label>
        <select id={`${id}-by`} className="input" value={by} onChange={(e) => setBy(e.target.value as SalesBy)}>
          <Options values={SALES_BY} labels={SALES_LABELS} />
        </select>
      </span>
      <ErrorBanner message={error} />
      <Waiting busy={busy} figures={figures} />
      {data && (
        <BarChartFigure
          title={`Sales by ${what}, in pounds`}
          data={data.rows.map((r) => ({ label: r.label, pounds: r.amount_pence / 100 }))}
          label="label"
          value="pounds"
          valueName="Sales (£)"
        />
      )}
      {data && (
        <>
          <table className="table">
            <caption>Sales by {what}, refunds taken off</caption>
            <thead>
              <tr>
                <th scope="col">{SALES_LABELS[by]}</th>
                <th scope="col" className="table__num">
                  Customers
                </th>
                <th scope="col" className="table__num">
                  Purchases
                </th>
                <th scope="col" className="table__num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className="table__num">{r.customers.toLocaleString('en-GB')}</td>
                  <td className="table__num">{r.purchases.toLocaleString('en-GB')}</td>
                  <td className="table__num">{formatPence(r.amount_pence)}</td>
                </tr>
              ))}
              {data.erased.purchases > 0 && (
                <tr>
                  <th scope="row">{ERASED}</th>
                  <td className="table__num">—</td>
                  <td className="table__num">{data.erased.purchases.toLocaleString('en-GB')}</td>
                  <td className="table__num">{formatPence(data.erased.amount_pence)}</td>
                </tr>
              )}
            </tbody>
          </table>
          {data.rows.length === 0 && data.erased.purchases === 0 && <p>No sales in this period.</p>}
          <CsvButton
            name={`sales-by-${by.replace('_', '-')}`}
            rows={() => [
              [SALES_LABELS[by], 'Customers', 'Purchases', 'Amount (£)'],
              ...data.rows.map((r) => [
                r.label,
                String(r.customers),
                String(r.purchases),
                penceToPounds(r.amount_pence),
              ]),
              ...(data.erased.purchases > 0
                ? [[ERASED, '', String(data.erased.purchases), penceToPounds(data.erased.amount_pence)]]
                : []),
            ]}
          />
        </>
      )}
    </section>
  );
}
