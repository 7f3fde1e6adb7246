// Sending the customer form to the core (create, or update with the version read), and placing
// what the core refuses: field paths ("data.phones.0.number") land on their fields; anything else,
// or an edit that lost a race with someone else's, shows as a problem above the form.
import { useState } from 'react';
import { type FieldPath, get, type UseFormGetValues, type UseFormSetError } from 'react-hook-form';
import type { AppError } from '../../../shared/contract/result';
import type { Customer } from '../../../shared/customer';
import { attempt } from '../client';
import { fullName } from '../format';
import { openPane, recordAdded, recordChanged } from '../store';
import type { Draft } from './draft';

type Options = {
  editing: Customer | null;
  /** The rectification request this edit carries out, if opened from one. */
  correcting: number | undefined;
  getValues: UseFormGetValues<Draft>;
  setError: UseFormSetError<Draft>;
  /** What the form adds to the draft: consent taken now, the sensitive-notes confirmation. */
  extras: () => Record<string, unknown>;
  /** Called when the core refused values on fields (so the form can put the cursor on the first). */
  onFieldsRefused: () => void;
};

type Problem = { message: string; conflict: boolean };

/** What the core refused that sits on no field; on a lost race, a way to read the record afresh. */
export function SaveProblem({ problem, onReload }: { problem: Problem | null; onReload: () => void }) {
  if (!problem) return null;
  return (
    <div className="banner banner--error" role="alert">
      <span>{problem.message}</span>
      {problem.conflict && (
        <button type="button" className="button button--small" onClick={onReload}>
          Discard my changes and reload
        </button>
      )}
    </div>
  );
}

export function useCustomerSave({ editing, correcting, getValues, setError, extras, onFieldsRefused }: Options) {
  const [problem, setProblem] = useState<Problem | null>(null);

  async function save() {
    setProblem(null);
    // The core gets what was typed and does its own cleaning; its field paths then match the form.
    const draft = { ...getValues(), ...extras() };
    const result = editing
      ? await attempt('customers.update', {
          id: editing.id,
          version: editing.version,
          data: draft,
          ...(correcting === undefined ? {} : { request_id: correcting }),
        })
      : await attempt('customers.create', draft);
    if (result.ok) {
      if (editing) recordChanged(result.value);
      else recordAdded(result.value, fullName(result.value));
      return;
    }
    showRefusal(result.error);
  }

  function showRefusal(error: AppError) {
    const unplaced: string[] = [];
    let placed = false;
    for (const f of error.fields ?? []) {
      const path = f.path.replace(/^data\./, '');
      const value: unknown = get(getValues(), path);
      // A string is a field; an array is a list with no row yet (no phone at all): the message sits by the list.
      if (typeof value === 'string' || Array.isArray(value)) {
        setError(path as FieldPath<Draft>, { type: 'core', message: f.message });
        placed = true;
      } else {
        unplaced.push(f.message);
      }
    }
    if (placed) onFieldsRefused();
    const conflict = error.code === 'CONFLICT' && !error.fields?.length;
    if (!placed || unplaced.length > 0 || conflict) {
      setProblem({ message: [error.message, ...unplaced].join(' '), conflict });
    }
  }

  function reloadLatest() {
    if (!editing) return;
    // Dropping `current` makes the view read the record afresh.
    openPane({ kind: 'view', id: editing.id }, null);
  }

  return { problem, save, reloadLatest };
}
