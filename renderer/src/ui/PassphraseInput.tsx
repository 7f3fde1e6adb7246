// A passphrase box with a Show/Hide toggle: long passphrases are easier to type when you can
// check them, and the toggle is a real button with a state a screen reader can announce.
import { forwardRef, type InputHTMLAttributes, useState } from 'react';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>;

export const PassphraseInput = forwardRef<HTMLInputElement, Props>(function PassphraseInput(props, ref) {
  const [shown, setShown] = useState(false);
  return (
    <div className="passphrase">
      <input
        {...props}
        ref={ref}
        type={shown ? 'text' : 'password'}
        className="input passphrase__input"
        autoComplete={props.autoComplete ?? 'current-password'}
        spellCheck={false}
        autoCapitalize="off"
      />
      <button
        type="button"
        className="passphrase__toggle"
        aria-pressed={shown}
        aria-label={shown ? 'Hide passphrase' : 'Show passphrase'}
        onClick={() => setShown((s) => !s)}
      >
        {shown ? 'Hide' : 'Show'}
      </button>
    </div>
  );
});
