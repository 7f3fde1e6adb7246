// The warning at the counter while a new customer is typed: once there is a family name, an
// email or a phone, the draft is checked (debounced) against the file with 'duplicates.check',
// and likely matches are shown with their reasons and a way to open the existing record, before
// anything is saved. A volunteer sees only the core's generic message (it names nobody).
import { useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { attempt } from '../client';
import { openPane } from '../store';

const DELAY_MS = 400;

type Draft = {
  given_name: string;
  family_name: string;
  date_of_birth: string;
  emails: { address: string }[];
  phones: { number: string }[];
  addresses: { line1: string; town: string; postcode: string; country: string }[];
};

/** Only what the check uses, blanks dropped: a half-typed row must not make the whole draft invalid. */
function checkable(d: Draft) {
  return {
    given_name: d.given_name,
    family_name: d.family_name,
    date_of_birth: d.date_of_birth,
    emails: d.emails.filter((e) => e.address.trim()).map((e) => ({ address: e.address })),
    phones: d.phones.filter((p) => p.number.trim()).map((p) => ({ number: p.number })),
    addresses: d.addresses
      .filter((a) => a.line1.trim() || a.town.trim() || a.postcode.trim())
      .map((a) => ({ line1: a.line1, town: a.town, postcode: a.postcode, country: a.country })),
  };
}

export function useDuplicateCheck(draft: Draft, enabled: boolean): Output<'duplicates.check'> | null {
  const [result, setResult] = useState<Output<'duplicates.check'> | null>(null);
  const input = checkable(draft);
  const key = JSON.stringify(input);
  const ready = enabled && (input.family_name.trim() !== '' || input.emails.length > 0 || input.phones.length > 0);

  useEffect(() => {
    if (!ready) {
      setResult(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      void attempt('duplicates.check', { draft: JSON.parse(key) }).then((answer) => {
        // A draft the rules refuse (a half-typed email) keeps the last answer rather than flickering.
        if (live && answer.ok) setResult(answer.value);
      });
    }, DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, ready]);

  return ready ? result : null;
}

export function DuplicateWarning({ check }: { check: Output<'duplicates.check'> | null }) {
  if (!check || check.similar === 0) return null;
  return (
    <section className="dup-warning" aria-labelledby="dup-warning-title">
      <h2 className="dup-warning__title" id="dup-warning-title">
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
    </section>
  );
}
