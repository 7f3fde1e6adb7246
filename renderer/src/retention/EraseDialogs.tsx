// "Erase … for good?" for records and for values: what goes, a reason for the audit log, Cancel and Erase.
import { type ReactNode, useState } from 'react';
import type { Output } from '../../../shared/contract';
import { attempt } from '../client';
import { plural } from '../format';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';

export type ExpiredValue = Output<'retention.review'>['values'][number];
export const valueKey = (v: { customer_id: number; field: string }) => `${v.customer_id}:${v.field}`;

/**
 * "Erase … for good?": what goes, a reason for the audit log, Cancel and Erase. `erase` returns the
 * core's refusal in words, or null once done.
 */
function EraseForGoodDialog(props: {
  title: string;
  intro: string;
  children: ReactNode;
  reasonId: string;
  defaultReason: string;
  onClose: () => void;
  erase: (reason: string) => Promise<string | null>;
}) {
  const [reason, setReason] = useState(props.defaultReason);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function erase() {
    setBusy(true);
    const refused = await props.erase(reason);
    setBusy(false);
    setProblem(refused);
  }

  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <p>{props.intro}</p>
      <ul className="history">{props.children}</ul>
      <div className="field">
        <label className="field__label" htmlFor={props.reasonId}>
          Reason recorded in the audit log
        </label>
        <input id={props.reasonId} className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <ErrorBanner message={problem} />
      <div className="card__bar">
        <button type="button" className="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button--danger"
          disabled={busy || !reason.trim()}
          onClick={() => void erase()}
        >
          {busy ? 'Erasing…' : 'Erase for good'}
        </button>
      </div>
    </Dialog>
  );
}

export function EraseValuesDialog(props: {
  values: ExpiredValue[];
  onClose: () => void;
  onErased: (result: Output<'retention.eraseValues'>) => void;
}) {
  return (
    <EraseForGoodDialog
      title={`Erase ${plural(props.values.length, 'value')} for good?`}
      intro="These values will be deleted from their records and from the search index. The records themselves stay. This cannot be undone."
      reasonId="erase-values-reason"
      defaultReason="Field retention review"
      onClose={props.onClose}
      erase={async (reason) => {
        const values = props.values.map((v) => ({ customer_id: v.customer_id, field: v.field }));
        const result = await attempt('retention.eraseValues', { values, reason });
        if (!result.ok) return result.error.message;
        props.onErased(result.value);
        return null;
      }}
    >
      {props.values.map((v) => (
        <li key={valueKey(v)}>
          <strong>
            {v.name}: {v.label}
          </strong>{' '}
          — {v.reason}
        </li>
      ))}
    </EraseForGoodDialog>
  );
}

export function EraseDialog(props: {
  items: Output<'retention.review'>['items'];
  onClose: () => void;
  onErased: (result: Output<'retention.erase'>) => void;
}) {
  return (
    <EraseForGoodDialog
      title={`Erase ${plural(props.items.length, 'record')} for good?`}
      intro="These records, their search entries and their personal details in the audit log will be deleted. This cannot be undone."
      reasonId="erase-reason"
      defaultReason="Retention review"
      onClose={props.onClose}
      erase={async (reason) => {
        const result = await attempt('retention.erase', { ids: props.items.map((i) => i.id), reason });
        if (!result.ok) return result.error.message;
        props.onErased(result.value);
        return null;
      }}
    >
      {props.items.map((i) => (
        <li key={i.id}>
          <strong>{i.name}</strong> — {i.reason}
        </li>
      ))}
    </EraseForGoodDialog>
  );
}
