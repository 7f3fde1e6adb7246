// Rows of the file that are probably an existing customer without matching one exactly: each
// beside the record it probably is, with the reasons (the duplicate review's scoring), and the
// same choices as for a match. Left alone, such a row is added as a new customer.
import type { Output } from '../../../shared/contract';
import type { OnMatch } from '../../../shared/contract/imports';
import { plural } from '../format';
import { ON_MATCH_LABELS } from './labels';

type Preview = Output<'imports.preview'>;

const CHOICES: OnMatch[] = ['update-empty', 'overwrite', 'skip'];

export function ProbableMatches(props: {
  preview: Preview;
  rowActions: ReadonlyMap<number, OnMatch>;
  onRowAction: (row: number, action: OnMatch | null) => void;
}) {
  const { probable, matches } = props.preview;
  if (matches.probable === 0) return null;
  return (
    <section aria-labelledby="probable-title">
      <h3 className="subform__title" id="probable-title">
        Probably existing customers
      </h3>
      <p className="muted">
        {plural(matches.probable, 'row')} look like a customer already on file, though no customer number, email or
        phone is the same
        {probable.length < matches.probable && ` (the first ${probable.length} are listed)`}. Each is added as a new
        customer unless you choose otherwise.
      </p>
      <ul className="pairs">
        {probable.map((p) => {
          const id = `probable-${p.row}`;
          const record = `${p.candidate.name}${p.candidate.ref ? ` (${p.candidate.ref})` : ''}`;
          return (
            <li key={p.row} className="pair" aria-labelledby={`${id}-title`}>
              <div className="pair__head">
                <h4 className="pair__names" id={`${id}-title`}>
                  Row {p.row}: {p.name} <span className="muted">is probably</span> {record}
                </h4>
                <span className="badge badge--warn">{Math.round(p.candidate.score * 100)}% alike</span>
              </div>
              {p.details && <p className="muted">In the file: {p.details}</p>}
              <ul className="pair__reasons" aria-label={`Why row ${p.row} looks like ${p.candidate.name}`}>
                {p.candidate.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              <label htmlFor={id}>What to do with row {p.row}</label>{' '}
              <select
                id={id}
                className="input input--small"
                value={props.rowActions.get(p.row) ?? ''}
                onChange={(e) => props.onRowAction(p.row, (e.target.value || null) as OnMatch | null)}
              >
                <option value="">Add as a new customer</option>
                {CHOICES.map((value) => (
                  <option key={value} value={value}>
                    {value === 'skip' ? ON_MATCH_LABELS.skip : `${ON_MATCH_LABELS[value]} of ${p.candidate.name}`}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
