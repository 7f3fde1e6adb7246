// Best customers: RFM groups over the page's period and basis, scored in fifths of the buyers or by
// breaks the owner sets, as a chart, the groups' table (downloadable) and the 5 × 5 grid.
import { useId, useMemo, useState } from 'react';
import { formatPence, penceToPounds } from '../../../shared/format';
import { BarChartFigure } from '../ui/BarChartFigure';
import { CsvButton } from '../ui/CsvButton';
import { ErrorBanner } from '../ui/ErrorBanner';
import type { Figures } from './FiguresFor';
import { DEFAULT_BREAKS, RfmBreaksInput, readBreaks } from './RfmBreaksInput';
import { RfmGrid } from './RfmGrid';
import { useReport } from './useReport';
import { Waiting } from './Waiting';

const SIDE_WORDS: Record<string, string> = {
  'breaks.recency_days': 'Days since the last purchase',
  'breaks.frequency': 'Number of purchases',
};

export function RfmSection({ figures }: { figures: Figures }) {
  const id = useId();
  const [method, setMethod] = useState<'quintiles' | 'breaks'>('quintiles');
  const [breaksText, setBreaksText] = useState(DEFAULT_BREAKS);
  const breaks = useMemo(() => readBreaks(breaksText), [breaksText]);
  const input = useMemo(() => {
    if (!figures) return null;
    if (method === 'quintiles') return figures;
    return breaks ? { ...figures, breaks } : null;
  }, [figures, method, breaks]);
  const { data, error, field, busy } = useReport('reports.rfm', input);
  const refused = error && field && SIDE_WORDS[field] ? `${SIDE_WORDS[field]}: ${error}` : error;

  return (
    <section className="card" aria-labelledby="rfm-title" aria-busy={busy}>
      <h2 className="card__title" id="rfm-title">
        Best customers (recency and frequency)
      </h2>
      <fieldset className="seg__mode">
        <legend>Scores</legend>
        <label className="check">
          <input
            type="radio"
            name={`${id}-method`}
            checked={method === 'quintiles'}
            onChange={() => setMethod('quintiles')}
          />{' '}
          Score in fifths
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${id}-method`}
            checked={method === 'breaks'}
            onChange={() => setMethod('breaks')}
          />{' '}
          Score by breaks I set
        </label>
      </fieldset>
      {method === 'breaks' && <RfmBreaksInput value={breaksText} onChange={setBreaksText} />}
      {method === 'breaks' && !breaks && <p role="status">Fill in all eight breaks as whole numbers.</p>}
      <ErrorBanner message={refused} />
      <Waiting busy={busy} figures={figures} />
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
        <>
          <table className="table">
            <caption>
              {data.customers.toLocaleString('en-GB')} customers who have bought, in groups by how recently and how
              often ({data.method === 'breaks' ? 'scored by your breaks' : 'scored in fifths'})
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
          <CsvButton
            name="customer-groups"
            rows={() => [
              ['Group', 'Customers', 'Spend (£)'],
              ...data.groups.map((g) => [g.label, String(g.customers), penceToPounds(g.spend_pence)]),
            ]}
          />
          <RfmGrid grid={data.grid} />
        </>
      )}
    </section>
  );
}
