// Setting a password and/or counter PIN on one account (staff.setSecret), for "My password / PIN"
// and for the owner's reset: the two boxes, the core's refusals beside them (any other in the
// banner), and the busy flag. Empty boxes are left out of the request.
import { useState } from 'react';
import { attempt } from '../client';
import { placeRefusal } from '../ui/refusal';
import { SECRET_PATHS, type SecretErrors, type Secrets, secretsInput } from './SecretFields';

const EMPTY: Secrets = { password: '', pin: '' };

export function useSetSecret(id: number) {
  const [values, setValues] = useState<Secrets>(EMPTY);
  const [errors, setErrors] = useState<SecretErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** True once saved; the boxes and their errors are then cleared. */
  async function send(): Promise<boolean> {
    if (busy) return false;
    setBusy(true);
    setProblem(null);
    const result = await attempt('staff.setSecret', { id, ...secretsInput(values) });
    setBusy(false);
    if (result.ok) {
      setErrors({});
      setValues(EMPTY);
      return true;
    }
    const { errors: found, problem: unplaced } = placeRefusal(result.error, SECRET_PATHS);
    setErrors(found);
    setProblem(unplaced);
    return false;
  }

  return { values, setValues, errors, problem, busy, send };
}
