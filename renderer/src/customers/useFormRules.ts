// The register's say over the customer form: the resolver (the core's schema plus the must-haves
// this person can fill), and per built-in field whether it is shown, required, locked and why it
// is collected.
import { useMemo, useRef } from 'react';
import type { Customer } from '../../../shared/customer';
import type { CompletenessField } from '../../../shared/fields';
import { appliesTo, type CustomerKind } from '../../../shared/profile-details';
import { askable, formRule } from '../../../shared/register';
import { useFieldAccess } from '../fieldAccess';
import { useRole } from '../permissions';
import { useRegister } from '../register';
import { customerResolver } from './draft';
import type { Rule } from './formParts';

export function useFormRules(editing: Customer | null) {
  const rules = useRegister();
  const role = useRole();
  // The resolver is made once; it reads the register as it is at each validation. Must-haves the
  // person can fill: a locked register-defined field is not asked of them on an edit.
  const rulesRef = useRef(rules);
  rulesRef.current = rules && askable(rules, role, Boolean(editing));
  const resolver = useMemo(() => customerResolver(() => rulesRef.current), []);
  // What the role may not see stays off the form; what it may not change is shown read-only.
  const access = useFieldAccess(editing, rules);
  const rule = (key: CompletenessField): Rule => {
    const base = formRule(rules, key);
    return access.hidden.has(key) ? { ...base, hidden: true } : base;
  };
  const ruled = (key: CompletenessField) => ({ ...rule(key), readOnly: access.locked.has(key) });
  const shownFor = (kind: CustomerKind) => (key: CompletenessField) => !rule(key).hidden && appliesTo(kind, key);
  return { rules, resolver, access, rule, ruled, shownFor };
}
