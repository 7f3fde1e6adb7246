// The head of the customer form: its title, what the register makes a must-have, and the note
// when the edit carries out a rectification request.
import type { Customer } from '../../../shared/customer';
import type { RegisterEntry } from '../../../shared/register';
import { fullName } from '../format';

type Props = { editing: Customer | null; rules: RegisterEntry[] | null; correcting: number | undefined };

export function FormHead({ editing, rules, correcting }: Props) {
  const mustHaves = (rules ?? []).filter((r) => r.priority === 'must_have').map((r) => r.label);
  return (
    <>
      <header className="record__head">
        <div>
          <h1 id="editor-title" className="record__name">
            {editing ? `Edit ${fullName(editing)}` : 'New customer'}
          </h1>
          <p className="record__sub muted">
            {mustHaves.length > 0
              ? `Must-haves: ${mustHaves.join(', ')}. A given name or a family name is always needed.`
              : 'Only a given name or a family name is required.'}
          </p>
        </div>
      </header>
      {correcting !== undefined && (
        <p className="banner banner--info">
          Correcting the record for rectification request {correcting}: the fields you change are listed on the request.
        </p>
      )}
    </>
  );
}
