// A new request's lawful basis: chosen for a disclosure, preset and shown for a subject-access
// request (the law requires the answer: UK GDPR Art. 15), so the member of staff sees why.
import type { UseFormRegister } from 'react-hook-form';
import { LAWFUL_BASES, LAWFUL_BASIS_LABELS, SUBJECT_ACCESS_BASIS_LABEL } from '../../../shared/contract/requests';
import { Field } from '../ui/Field';
import { Options } from '../ui/Options';
import type { Draft } from './NewRequestForm';

export function RequestBasisField({
  register,
  error,
  preset,
}: {
  register: UseFormRegister<Draft>;
  error: string | undefined;
  preset: boolean;
}) {
  if (preset) {
    return (
      <p className="field" id="nr-basis-preset">
        <span className="field__label">Lawful basis</span>
        <span>{SUBJECT_ACCESS_BASIS_LABEL}</span>
        <span className="field__hint">Preset: the law requires the answer. The customer gets everything held.</span>
      </p>
    );
  }
  return (
    <Field id="nr-basis" label="Lawful basis for disclosing" error={error}>
      {(c) => (
        <select {...c} {...register('lawful_basis')} className="input">
          <option value="">Choose the lawful basis…</option>
          <Options values={LAWFUL_BASES} labels={LAWFUL_BASIS_LABELS} />
        </select>
      )}
    </Field>
  );
}
