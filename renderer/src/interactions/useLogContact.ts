// The state and the save of the "Log a contact" dialog: the draft (the date and time start at
// now, typed day first), the sensitive-notes choice, and the errors put beside their boxes. The
// core's own schema checks the draft first, so the words beside the fields are the core's words;
// a refusal from the core lands in the same places.
import { type FormEvent, useState } from 'react';
import { contract, type Output } from '../../../shared/contract';
import { parseDayTime } from '../../../shared/dates';
import type { InteractionKind } from '../../../shared/purchases';
import { findSensitiveHints } from '../../../shared/rules/sensitive-guard';
import { attempt } from '../client';
import type { SensitiveChoice } from '../customers/CustomerFormExtras';

export type Contact = Output<'interactions.list'>[number];
type Draft = { kind: InteractionKind; when: string; summary: string; outcome: string };
type Errors = Partial<Record<keyof Draft | 'sensitive', string>>;

const two = (n: number) => String(n).padStart(2, '0');

/** Now, as the box shows it: 06/12/2026 14:30 (local time, day first). */
function nowText(): string {
  const d = new Date();
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

const WHEN_MESSAGE = 'Enter the day first, then the time: 06/12/2026 14:30.';

export function useLogContact(customerId: number, onSaved: (saved: Contact) => Promise<void>) {
  const [draft, setDraft] = useState<Draft>({ kind: 'visit', when: nowText(), summary: '', outcome: '' });
  const [sensitive, setSensitive] = useState<SensitiveChoice>({ lawful_basis: '', note: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const freeText = [draft.summary, draft.outcome].join('\n');

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    const at = parseDayTime(draft.when);
    const input = {
      customer_id: customerId,
      kind: draft.kind,
      summary: draft.summary,
      outcome: draft.outcome,
      ...(at ? { at: at.toISOString() } : {}),
      ...(sensitive.lawful_basis && findSensitiveHints(freeText).length > 0
        ? { sensitive_ack: { lawful_basis: sensitive.lawful_basis, note: sensitive.note } }
        : {}),
    };
    const found: Errors = {};
    if (!at) found.when = WHEN_MESSAGE;
    else if (at.getTime() > Date.now()) found.when = 'A contact cannot be in the future.';
    const parsed = contract['interactions.add'].input.safeParse(input);
    let unplaced: string | null = null;
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        if (!placeError(found, String(issue.path[0]), issue.message)) unplaced ??= issue.message;
    setErrors(found);
    setProblem(unplaced);
    if (unplaced) return;
    if (Object.keys(found).length > 0) return focusFirstError(found);
    setSaving(true);
    const result = await attempt('interactions.add', input);
    setSaving(false);
    if (result.ok) return onSaved(result.value);
    const placed: Errors = {};
    const all = result.error.fields ?? [];
    const unplacedByCore = all.filter((f) => !placeError(placed, f.path, f.message));
    setErrors(placed);
    if (unplacedByCore.length > 0 || all.length === 0) setProblem(unplacedByCore[0]?.message ?? result.error.message);
    focusFirstError(placed);
  }

  return { draft, set, sensitive, setSensitive, freeText, errors, problem, saving, save };
}

/** A message from the schema or the core, put beside the box it is about; false when no box is. */
function placeError(errors: Errors, path: string, message: string): boolean {
  const key = path === 'at' ? 'when' : path === 'sensitive_ack' ? 'sensitive' : path;
  if (!(key in FIELD_IDS)) return false;
  errors[key as keyof Errors] ??= message;
  return true;
}

const FIELD_IDS: Record<keyof Errors, string> = {
  kind: 'ct-kind',
  when: 'ct-when',
  summary: 'ct-summary',
  outcome: 'ct-outcome',
  sensitive: 'f-sensitive-basis',
};

function focusFirstError(errors: Errors): void {
  const first = (Object.keys(FIELD_IDS) as (keyof Errors)[]).find((k) => errors[k]);
  if (first) document.getElementById(FIELD_IDS[first])?.focus();
}
