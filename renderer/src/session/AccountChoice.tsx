// "Who are you?" on the sign-in screen: the file's accounts as radio buttons, each with its
// initials, name and role. Arrow keys move between accounts; a pointer click also asks to move on
// to the secret box (the screen decides when, once the choice has drawn).
import type { RefObject } from 'react';
import type { Output } from '../../../shared/contract';
import { ROLE_LABELS } from '../../../shared/contract/roles';

export type Account = Output<'session.accounts'>[number];

export function AccountChoice({
  accounts,
  chosen,
  firstChoice,
  onChoose,
  onClickChoice,
}: {
  accounts: Account[];
  chosen: number | null;
  /** The first radio button, where the screen puts the cursor before anything is chosen. */
  firstChoice: RefObject<HTMLInputElement | null>;
  onChoose: (id: number) => void;
  /** A pointer click on an account (not an arrow key). */
  onClickChoice: (id: number) => void;
}) {
  return (
    <fieldset className="accounts">
      <legend className="field__label accounts__legend">Who are you?</legend>
      {accounts.map((a, i) => (
        <label key={a.id} className={`account${a.id === chosen ? ' account--chosen' : ''}`}>
          <input
            ref={i === 0 ? firstChoice : undefined}
            type="radio"
            name="account"
            value={a.id}
            checked={a.id === chosen}
            onChange={() => onChoose(a.id)}
            onClick={(e) => {
              // A pointer click has detail > 0; an arrow key's change has 0.
              if (e.detail > 0) onClickChoice(a.id);
            }}
          />
          <span className="account__avatar" aria-hidden="true">
            {initials(a.name)}
          </span>
          <span className="account__text">
            <span className="account__name">{a.name}</span>
            <span className="account__role">{ROLE_LABELS[a.role]}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}
