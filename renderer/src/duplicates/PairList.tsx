// The likely pairs of the scan, strongest first, each with its reasons, "Compare & merge" and
// "Not duplicates".
import type { DuplicatePair } from '../../../shared/contract/duplicates';

export function PairList(props: {
  pairs: DuplicatePair[];
  onCompare: (pair: DuplicatePair) => void;
  onDismiss: (pair: DuplicatePair) => void;
}) {
  return (
    <ul className="pairs">
      {props.pairs.map((pair) => (
        <li key={`${pair.a.id}-${pair.b.id}`} className="pair">
          <div className="pair__head">
            <h2 className="pair__names">
              {pair.a.name} <span className="muted">and</span> {pair.b.name}
            </h2>
            <span className="badge badge--warn">{Math.round(pair.score * 100)}% alike</span>
          </div>
          <ul className="pair__reasons">
            {pair.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          <div className="table__actions">
            <button
              type="button"
              className="button button--primary button--small"
              onClick={() => props.onCompare(pair)}
            >
              Compare &amp; merge
              <span className="sr-only">
                {' '}
                {pair.a.name} and {pair.b.name}
              </span>
            </button>
            <button type="button" className="button button--small" onClick={() => props.onDismiss(pair)}>
              Not duplicates
              <span className="sr-only">
                : {pair.a.name} and {pair.b.name}
              </span>
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Groups of three or more records linked by likely pairs: merged in one step. */
export function GroupList(props: {
  groups: { members: { id: number; name: string; ref: string }[]; score: number }[];
  onMerge: (ids: number[]) => void;
}) {
  if (props.groups.length === 0) return null;
  return (
    <section aria-labelledby="groups-title">
      <h2 className="card__title" id="groups-title">
        Groups of records
      </h2>
      <p className="muted">
        Three or more records linked by the pairs below: merge each group into one record in one step.
      </p>
      <ul className="pairs">
        {props.groups.map((g) => {
          const names = g.members.map((m) => m.name).join(', ');
          return (
            <li key={g.members.map((m) => m.id).join('-')} className="pair">
              <div className="pair__head">
                <h3 className="pair__names">{names}</h3>
                <span className="badge badge--warn">{g.members.length} records</span>
              </div>
              <button
                type="button"
                className="button button--primary button--small"
                onClick={() => props.onMerge(g.members.map((m) => m.id))}
              >
                Compare &amp; merge all {g.members.length}
                <span className="sr-only">: {names}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
