// The RFM grid as a table: recency scores down (5, the most recent, first), frequency scores
// across, customers in each cell — the 25 cells the six named groups are read from.
import type { Output } from '../../../shared/contract';

type Cell = Output<'reports.rfm'>['grid'][number];
const SCORES = [1, 2, 3, 4, 5];

export function RfmGrid({ grid }: { grid: Cell[] }) {
  const at = (r: number, f: number) => grid.find((c) => c.r === r && c.f === f)?.customers ?? 0;
  return (
    <table className="table">
      <caption>
        Customers by recency score (rows, 5 bought most recently) and frequency score (columns, 5 buy most often)
      </caption>
      <thead>
        <tr>
          <th scope="col">Recency</th>
          {SCORES.map((f) => (
            <th key={f} scope="col" className="table__num">
              Frequency {f}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...SCORES].reverse().map((r) => (
          <tr key={r}>
            <th scope="row">Recency {r}</th>
            {SCORES.map((f) => (
              <td key={f} className="table__num">
                {at(r, f).toLocaleString('en-GB')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
