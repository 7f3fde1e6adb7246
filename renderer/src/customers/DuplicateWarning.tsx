// The warning beside the name and contact fields of a new customer: likely existing records with
// their reasons, a way to open each, and the clerk's explicit "this is a different person". A
// volunteer sees only the core's generic message (it names nobody). Before anything is typed the
// space says what will appear there, so the fields do not move when a match turns up.
import { openPane } from '../store';
import type { DuplicateGate } from './useDuplicateCheck';

export function DuplicateWarning({ gate, asked }: { gate: DuplicateGate; asked: boolean }) {
  const { check, held, markDifferent } = gate;
  if (!check || check.similar === 0) {
    return (
      <p className="dup-aside__idle muted">
        As you type a family name, an email or a phone, any existing record that looks like the same person shows here.
      </p>
    );
  }
  return (
    <section className="dup-warning" aria-labelledby="dup-warning-title">
      <h2 className="dup-warning__title" id="dup-warning-title" tabIndex={-1}>
        Possible duplicate
      </h2>
      <p className="dup-warning__text">{check.message}</p>
      {check.matches.length > 0 && (
        <ul className="dup-warning__list">
          {check.matches.map((m) => (
            <li key={m.id} className="dup-warning__item">
              <span>
                <strong>{m.name}</strong>
                {m.ref && <span className="muted"> · number {m.ref}</span>} — {m.reasons.join('; ')}
              </span>
              <button
                type="button"
                className="button button--small"
                onClick={() => openPane({ kind: 'view', id: m.id })}
              >
                Open {m.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      {held ? (
        <>
          <p id="dup-hold" className={asked ? 'dup-warning__hold dup-warning__hold--asked' : 'dup-warning__hold'}>
            Save waits until you choose: open the existing record, or say this is a different person.
          </p>
          <button type="button" className="button button--small" onClick={markDifferent}>
            This is a different person
          </button>
        </>
      ) : (
        <p className="dup-warning__hold">You said this is a different person: Save adds a new record.</p>
      )}
    </section>
  );
}
