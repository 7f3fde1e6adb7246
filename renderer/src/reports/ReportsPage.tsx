// Buying patterns (owners, managers and staff): who the best customers are (RFM groups),
// what sells when, and how often people come back. Each figure is a table a screen reader and
// the keyboard can read; aggregates only.
import { useCallback, useId, useState } from 'react';
import { SALES_BY, type SalesBy } from '../../../shared/contract/reports';
import { formatPence } from '../../../shared/format';
import { BriefForm } from '../briefs/BriefForm';
import { attempt } from '../client';
import { useCan } from '../permissions';
import { BarChartFigure } from '../ui/BarChartFigure';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';

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

const loadRfm = () => attempt('reports.rfm', { period: {} });
const loadRepeat = () => attempt('reports.repeat', {});

function Rfm() {
  const { data, error } = useLoad(loadRfm);
  return (
    <section className="card" aria-labelledby="rfm-title">
      <h2 className="card__title" id="rfm-title">
        Best customers (recency and frequency)
      </h2>
      <ErrorBanner message={error} />
      {data && (
        <BarChartFigure
          title="Customers in each group"
          data={data.groups.map((g) => ({ group: g.label.split(':')[0] ?? g.label, customers: g.customers }))}
          label="group"
          value="customers"
          valueName="Customers"
        />
      )}
      {data && (
        <table className="table">
          <caption>
            {data.customers.toLocaleString('en-GB')} customers who have bought, in groups by how recently and how often
            (scored in fifths)
          </caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="table__num">
                Customers
              </th>
              <th scope="col" className="table__num">
                Spend
              </th>
            </tr>
          </thead>
          <tbody>
            {data.groups.map((g) => (
              <tr key={g.group}>
                <th scope="row">{g.label}</th>
                <td className="table__num">{g.customers.toLocaleString('en-GB')}</td>
                <td className="table__num">{formatPence(g.spend_pence)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Sales({ by, setBy }: { by: SalesBy; setBy: (by: SalesBy) => void }) {
  const id = useId();
  const load = useCallback(() => attempt('reports.sales', { by }), [by]);
  const { data, error } = useLoad(load);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        What sells
      </h2>
      <label htmlFor={`${id}-by`}>Sales by </label>
      <select id={`${id}-by`} className="input" value={by} onChange={(e) => setBy(e.target.value as SalesBy)}>
        {SALES_BY.map((b) => (
          <option key={b} value={b}>
            {SALES_LABELS[b]}
          </option>
        ))}
      </select>
      <ErrorBanner message={error} />
      {data && (
        <BarChartFigure
          title={`Sales by ${SALES_LABELS[by].toLowerCase()}, in pounds`}
          data={data.rows.map((r) => ({ label: r.label, pounds: r.amount_pence / 100 }))}
          label="label"
          value="pounds"
          valueName="Sales (£)"
        />
      )}
      {data && (
        <table className="table">
          <caption>Sales by {SALES_LABELS[by].toLowerCase()}, refunds taken off</caption>
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
                <th scope="row">Customers since erased (totals only)</th>
                <td className="table__num">—</td>
                <td className="table__num">{data.erased.purchases.toLocaleString('en-GB')}</td>
                <td className="table__num">{formatPence(data.erased.amount_pence)}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Repeat() {
  const { data, error } = useLoad(loadRepeat);
  return (
    <section className="card" aria-labelledby="repeat-title">
      <h2 className="card__title" id="repeat-title">
        Coming back
      </h2>
      <ErrorBanner message={error} />
      {data && (
        <p>
          {data.repeat_buyers.toLocaleString('en-GB')} of {data.buyers.toLocaleString('en-GB')} buyers came back (
          {Math.round(data.repeat_rate * 100)}%)
          {data.median_days_between !== null && `; half came back within ${Math.round(data.median_days_between)} days`}.
        </p>
      )}
    </section>
  );
}

export function ReportsPage() {
  const [by, setBy] = useState<SalesBy>('month');
  const canBrief = useCan('briefs.make');
  return (
    <main className="page" aria-labelledby="reports-title">
      <h1 className="page__title" id="reports-title">
        Buying patterns
      </h1>
      <Rfm />
      <Sales by={by} setBy={setBy} />
      <Repeat />
      {canBrief && <BriefForm salesBy={by} />}
    </main>
  );
}
