// A rough passphrase strength hint for the create and change screens. It only guides; the core
// enforces the real rule (at least 10 characters, and not one anyone would try first).
import { easyToGuess } from '../../shared/contract/vault';

type Strength = { score: 0 | 1 | 2 | 3 | 4; label: string; advice: string };

export function passphraseStrength(value: string): Strength {
  const length = [...value].length;
  if (length === 0)
    return { score: 0, label: '', advice: 'Use at least 10 characters; a few unrelated words work well.' };
  if (length < 10) return { score: 0, label: 'Too short', advice: `${10 - length} more characters needed.` };
  if (easyToGuess(value)) {
    return { score: 1, label: 'Weak', advice: 'This is easy to guess. Try a few unrelated words.' };
  }
  const words = value
    .trim()
    .split(/[\s\-_.]+/)
    .filter((w) => w.length >= 3).length;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9\s]/].filter((re) => re.test(value)).length;
  const points = (length >= 14 ? 1 : 0) + (length >= 20 ? 1 : 0) + (words >= 3 ? 1 : 0) + (classes >= 3 ? 1 : 0);
  if (points >= 3) return { score: 4, label: 'Strong', advice: 'A good passphrase. Keep it somewhere safe.' };
  if (points === 2) return { score: 3, label: 'Good', advice: 'Good. Another word would make it stronger.' };
  if (points === 1) return { score: 2, label: 'Fair', advice: 'Adding another word or two would make it stronger.' };
  return { score: 1, label: 'Weak', advice: 'Longer is stronger: try three or four unrelated words.' };
}
