// The duplicate check at the counter while a new customer is typed: once there is a family name,
// an email or a phone, the draft is checked (debounced) against the file with 'duplicates.check'.
// Save is held while a likely match is shown until the clerk chooses: open the existing record,
// or say this is a different person (that choice covers the matches shown then; a new one asks
// again). Save checks afresh before it goes, so a quick clerk cannot beat the debounce.
import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { attempt } from '../client';

const DELAY_MS = 400;

export type DuplicateCheck = Output<'duplicates.check'>;

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

const isReady = (input: ReturnType<typeof checkable>) =>
  input.family_name.trim() !== '' || input.emails.length > 0 || input.phones.length > 0;

/** The matches a "different person" choice covers: their ids, or the count a volunteer is told. */
function matchKeys(check: DuplicateCheck | null): string[] {
  if (!check || check.similar === 0) return [];
  return check.matches.length > 0 ? check.matches.map((m) => `id:${m.id}`) : [`similar:${check.similar}`];
}

export type DuplicateGate = {
  check: DuplicateCheck | null;
  /** A likely match is shown and the clerk has not said this is a different person. */
  held: boolean;
  markDifferent: () => void;
  /** Check the draft now; true when Save may go ahead. */
  clear: (draft: Draft) => Promise<boolean>;
};

export function useDuplicateGate(draft: Draft, enabled: boolean): DuplicateGate {
  const [result, setResult] = useState<DuplicateCheck | null>(null);
  const [different, setDifferent] = useState<ReadonlySet<string>>(new Set());
  const input = checkable(draft);
  const key = JSON.stringify(input);
  const ready = enabled && isReady(input);

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

  const check = ready ? result : null;
  const held = matchKeys(check).some((k) => !different.has(k));
  const markDifferent = useCallback(() => setDifferent((d) => new Set([...d, ...matchKeys(result)])), [result]);
  const clear = useCallback(
    async (now: Draft) => {
      const input = checkable(now);
      if (!enabled || !isReady(input)) return true;
      const answer = await attempt('duplicates.check', { draft: input });
      // A draft the check cannot read is the save's to refuse, beside its fields.
      if (!answer.ok) return true;
      setResult(answer.value);
      return matchKeys(answer.value).every((k) => different.has(k));
    },
    [enabled, different],
  );
  return { check, held, markDifferent, clear };
}
