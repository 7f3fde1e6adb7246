// The folded "other details" of the customer form: date of birth, customer number, notes, and how
// the details were collected (recorded as the origin of each value saved).
import type { CompletenessField } from '../../../shared/fields';
import { CHANNEL_LABELS, COLLECTION_CHANNELS } from '../../../shared/profile-details';
import { FormDateInput } from '../ui/DateInput';
import { Field } from '../ui/Field';
import { Fold } from '../ui/Fold';
import { type FormParts, joinHints, message, Required, TextField } from './formParts';

type Ruled = (key: CompletenessField) => { hint?: string | undefined; required: boolean; readOnly: boolean };

type Props = FormParts & {
  shown: (key: CompletenessField) => boolean;
  ruled: Ruled;
  defaultOpen: boolean;
};

export function OtherDetailsFold({ shown, ruled, defaultOpen, ...parts }: Props) {
  const { control, register, errors } = parts;
  const required = (['date_of_birth', 'ref', 'notes'] as const).filter((k) => shown(k) && ruled(k).required).length;
  return (
    <Fold
      title="Notes and other details"
      note={joinHints('Date of birth, customer number, notes', required > 0 ? `· ${required} required` : '')}
      defaultOpen={defaultOpen}
    >
      <div className="grid grid--two">
        {shown('date_of_birth') && (
          <Field
            id="f-date_of_birth"
            label={<Required label="Date of birth" required={ruled('date_of_birth').required} />}
            optional={!ruled('date_of_birth').required}
            error={message(errors, 'date_of_birth')}
            hint={ruled('date_of_birth').hint}
          >
            {(c) => (
              <FormDateInput
                {...c}
                control={control}
                name="date_of_birth"
                readOnly={ruled('date_of_birth').readOnly}
                aria-required={ruled('date_of_birth').required || undefined}
              />
            )}
          </Field>
        )}
        {shown('ref') && (
          <TextField
            name="ref"
            label="Customer number"
            register={register}
            errors={errors}
            optional
            {...ruled('ref')}
          />
        )}
      </div>
      {shown('notes') && (
        <Field
          id="f-notes"
          label={<Required label="Notes" required={ruled('notes').required} />}
          optional={!ruled('notes').required}
          error={message(errors, 'notes')}
          hint={joinHints(ruled('notes').hint, 'Never record payment card numbers here.')}
        >
          {(c) => (
            <textarea
              {...c}
              {...register('notes')}
              className="input textarea"
              rows={5}
              readOnly={ruled('notes').readOnly}
            />
          )}
        </Field>
      )}
      <Field
        id="f-collected_via"
        label="How were these details collected?"
        hint="Recorded beside each value you enter or change."
        className="field--narrow"
      >
        {(c) => (
          <select {...c} {...register('collected_via')} className="input">
            {COLLECTION_CHANNELS.map((ch) => (
              <option key={ch} value={ch}>
                {CHANNEL_LABELS[ch]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </Fold>
  );
}
