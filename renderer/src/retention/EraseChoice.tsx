// The parts of a retention list that chooses what to erase, the same for records and for values:
// the tick box (named for what it erases, shut while something blocks the erasure), the customer's
// name that opens the record, the reason with what blocks it, and the bar that counts the chosen
// and asks to erase them.
import { openRecord } from '../customers/openRecord';

export function ChooseCell(props: {
  id: string;
  label: string;
  checked: boolean;
  blocked: string | null | undefined;
  onToggle: () => void;
}) {
  return (
    <td>
      <input
        type="checkbox"
        id={props.id}
        checked={props.checked}
        disabled={Boolean(props.blocked)}
        onChange={props.onToggle}
      />
      <label htmlFor={props.id} className="sr-only">
        {props.label}
      </label>
    </td>
  );
}

export function CustomerCell({ id, name }: { id: number; name: string }) {
  return (
    <th scope="row">
      <button type="button" className="link" onClick={() => openRecord(id)}>
        {name}
      </button>
    </th>
  );
}

export function ReasonCell({ reason, blocked }: { reason: string; blocked: string | null | undefined }) {
  return (
    <td>
      {reason}
      {blocked && <span className="field__error"> {blocked}</span>}
    </td>
  );
}

export function EraseBar({ chosen, label, onErase }: { chosen: number; label: string; onErase: () => void }) {
  return (
    <div className="card__bar">
      <span className="muted">{chosen} chosen</span>
      <button type="button" className="button button--primary" disabled={chosen === 0} onClick={onErase}>
        {label}
      </button>
    </div>
  );
}
