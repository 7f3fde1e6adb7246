// What the counter does not need every time, folded under plain headings below the essentials:
// the organisation a person belongs to, notes and other details, and the register's own fields
// by category. A fold starts open on an edit that has values in it, or when it holds a must-have.
import type { Control, FieldErrors } from 'react-hook-form';
import type { Customer } from '../../../shared/customer';
import type { CompletenessField } from '../../../shared/fields';
import type { RegisterEntry } from '../../../shared/register';
import { Fold } from '../ui/Fold';
import { CustomFieldsSection, type FieldsDraft } from './CustomFieldsSection';
import type { Draft } from './draft';
import type { FormParts, Rule } from './formParts';
import { MembershipFields } from './OrganisationPicker';
import { OtherDetailsFold } from './OtherDetailsFold';

type Props = FormParts & {
  editing: Customer | null;
  start: Draft;
  kind: Draft['kind'];
  rules: RegisterEntry[] | null;
  shown: (key: CompletenessField) => boolean;
  ruled: (key: CompletenessField) => Rule & { readOnly: boolean };
};

export function FoldedDetails({ editing, start, kind, rules, shown, ruled, ...parts }: Props) {
  const other = ['date_of_birth', 'ref', 'notes'] as const;
  return (
    <>
      {kind !== 'organisation' && (
        <Fold
          title="Organisation and role"
          note="The organisation they belong to"
          defaultOpen={Boolean(start.organisation_id || start.job_title)}
        >
          <MembershipFields {...parts} current={editing?.organisation ?? null} />
        </Fold>
      )}
      <OtherDetailsFold
        {...parts}
        shown={shown}
        ruled={ruled}
        defaultOpen={other.some((k) => Boolean(start[k]) || (shown(k) && ruled(k).required))}
      />
      <CustomFieldsSection
        register={rules}
        control={parts.control as unknown as Control<FieldsDraft>}
        errors={parts.errors as FieldErrors<FieldsDraft>}
        editing={Boolean(editing)}
        stored={start.fields}
      />
    </>
  );
}
