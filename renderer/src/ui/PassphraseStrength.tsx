// The strength hint under a new passphrase (creating the file, changing its passphrase): a
// four-step bar and a word of advice, read out as it changes. It only guides; the core enforces
// the real rule.
import { passphraseStrength } from '../strength';

export function PassphraseStrength({ passphrase }: { passphrase: string }) {
  const strength = passphraseStrength(passphrase);
  return (
    <span className="strength" data-score={strength.score} aria-live="polite">
      <span className="strength__bar" aria-hidden="true">
        <span />
        <span />
        <span />
        <span />
      </span>
      <span className="strength__text">
        {strength.label && <strong>{strength.label}. </strong>}
        {strength.advice}
      </span>
    </span>
  );
}
