// The part of the customer form generated from the register: one fold per category for the
// fields defined there (the organisation's custom fields and the profile fields), an input per
// kind, the purpose as help text, must-haves marked required, and nothing for fields that are no
// longer collected (their stored values stay on the record, shown read-only in its view). The
// values are checked by the same shared rules the core uses (shared/custom-fields.ts).
import type { Control, FieldErrors } from 'react-hook-form';
import { type FieldValue, fieldValueErrors, formFieldValue } from '../../../shared/custom-fields';
import { CATEGORIES, type RegisterEntry } from '../../../shared/register';
import { useRole } from '../permissions';
import { Fold } from '../ui/Fold';
import { FieldInput } from './CustomFieldInput';

/**
 * The headings a counter clerk understands, on the form (the register screen keeps the owner's
 * marketing names: "Psychographic" is the owner's word, not the clerk's).
 */
const FOLD_TITLES: Record<(typeof CATEGORIES)[number], string> = {
  contact: 'More ways to reach them',
  geographic: 'Where they are',
  demographic: 'About them',
  psychographic: 'Interests and what matters to them',
  buying_pattern: 'What they buy and how',
  service: 'Service and support',
};

/** The form's values for these fields: text for boxes and lists, 'yes'/'no', an array of picks. */
export type FieldsDraft = { fields: Record<string, string | string[]> };

/** The register entries the form generates inputs for (defined in the register, still collected). */
function formFields(register: readonly RegisterEntry[] | null): RegisterEntry[] {
  return (register ?? []).filter((e) => e.kind !== null && e.priority !== 'not_collected');
}

/** A stored record's values as the form holds them. */
export function draftFields(values: Record<string, FieldValue> | undefined): FieldsDraft['fields'] {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, formFieldValue(v)]));
}

/** Kind errors for the values on the form, by the shared rules (the must-haves are checked apart). */
export function draftFieldErrors(draft: Partial<FieldsDraft>, register: readonly RegisterEntry[] | null) {
  const defs = formFields(register).map((e) => ({
    key: e.key,
    label: e.label,
    kind: e.kind ?? 'text',
    choices: e.choices,
  }));
  return fieldValueErrors(draft.fields, defs);
}

/** The notes and every text value on the form, for the special-category hint. */
export function sensitiveText(notes: string, draft: Partial<FieldsDraft>, register: readonly RegisterEntry[] | null) {
  const texts = formFields(register)
    .filter((e) => e.kind === 'text')
    .map((e) => draft.fields?.[e.key])
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return [notes, ...texts].join('\n');
}

type Props = {
  register: readonly RegisterEntry[] | null;
  control: Control<FieldsDraft>;
  errors: FieldErrors<FieldsDraft>;
  /** Editing a stored record: fields the role may not edit are shown but locked. */
  editing: boolean;
  /** The stored values: on an edit, a fold holding one starts open. */
  stored: FieldsDraft['fields'];
};

export function CustomFieldsSection({ register, control, errors, editing, stored }: Props) {
  const role = useRole();
  const fields = formFields(register).filter((e) => role !== null && (e.see_roles.includes(role) || !editing));
  if (fields.length === 0) return null;
  return (
    <>
      {CATEGORIES.map((category) => {
        const inCategory = fields.filter((f) => f.category === category);
        if (inCategory.length === 0) return null;
        const required = inCategory.filter((f) => f.priority === 'must_have').length;
        const filled = inCategory.some((f) => {
          const v = stored[f.key];
          return Array.isArray(v) ? v.length > 0 : Boolean(v?.trim());
        });
        return (
          <Fold
            key={category}
            title={FOLD_TITLES[category]}
            note={required > 0 ? `${required} required` : undefined}
            // A must-have is one of this organisation's essentials: its fold starts open.
            defaultOpen={required > 0 || (editing && filled)}
          >
            <div className="grid grid--two">
              {inCategory.map((entry) => (
                <FieldInput
                  key={entry.key}
                  entry={entry}
                  control={control}
                  error={errors.fields?.[entry.key]?.message}
                  locked={editing && role !== null && !entry.edit_roles.includes(role)}
                />
              ))}
            </div>
          </Fold>
        );
      })}
    </>
  );
}
