// The parts of the customer form that belong to the profile: consent captured in one step on a
// new record (a box per channel under the organisation's current wording), and the warning that
// the notes look like special-category data or an identity number, with the confirmation and
// lawful basis the core requires before it will keep them.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { CHANNEL_NAMES, CONSENT_CHANNELS, type ConsentChannel, type ConsentWording } from '../../../shared/consent';
import type { RegisterEntry } from '../../../shared/register';
import {
  findSensitiveHints,
  SPECIAL_CATEGORY_BASES,
  SPECIAL_CATEGORY_BASIS_LABELS,
  type SpecialCategoryBasis,
} from '../../../shared/rules/sensitive-guard';
import { attempt } from '../client';
import { captureMethod } from '../packs/eventPack';
import { Field } from '../ui/Field';
import { type FieldsDraft, sensitiveText } from './CustomFieldsSection';

type ConsentChoice = { wording: ConsentWording | null; channels: ConsentChannel[] };
export type SensitiveChoice = { lawful_basis: SpecialCategoryBasis | ''; note: string };

/** What the form adds to the customer draft it sends. */
function profileExtras(consent: ConsentChoice, sensitive: SensitiveChoice, notes: string) {
  const extras: Record<string, unknown> = {};
  // In an event pack the values and the consent were collected at the event (their provenance).
  if (captureMethod() === 'event') extras.collected_via = 'event';
  if (consent.wording && consent.channels.length > 0) {
    extras.consent = { channels: consent.channels, wording_version: consent.wording.version, method: captureMethod() };
  }
  if (sensitive.lawful_basis && findSensitiveHints(notes).length > 0) {
    extras.sensitive_ack = { lawful_basis: sensitive.lawful_basis, note: sensitive.note };
  }
  return extras;
}

/**
 * The customer form's consent step and sensitive-notes warning, with what they add to the draft
 * sent (`forSave`) and whether the clerk has touched either (so Cancel asks first).
 */
export function useProfileExtras(
  isNew: boolean,
  values: { notes: string } & Partial<FieldsDraft>,
  rules: RegisterEntry[] | null,
): { forSave: () => Record<string, unknown>; touched: boolean; consentStep: ReactNode; sensitiveWarning: ReactNode } {
  // Consent is taken in the same step only on a new record; later changes are consent events.
  const wording = useConsentWording(isNew);
  const [channels, setChannels] = useState<ConsentChoice['channels']>([]);
  const [sensitive, setSensitive] = useState<SensitiveChoice>({ lawful_basis: '', note: '' });
  const text = sensitiveText(values.notes ?? '', values, rules);
  const latest = useRef({ wording, channels, sensitive, text });
  latest.current = { wording, channels, sensitive, text };
  return {
    forSave: () => {
      const l = latest.current;
      return profileExtras({ wording: l.wording, channels: l.channels }, l.sensitive, l.text);
    },
    touched: channels.length > 0 || sensitive.lawful_basis !== '' || sensitive.note.trim() !== '',
    consentStep: isNew && <ConsentStep value={{ wording, channels }} onChange={(v) => setChannels(v.channels)} />,
    sensitiveWarning: <SensitiveWarning notes={text} value={sensitive} onChange={setSensitive} />,
  };
}

function useConsentWording(enabled: boolean): ConsentWording | null {
  const [wording, setWording] = useState<ConsentWording | null>(null);
  useEffect(() => {
    if (!enabled) return;
    void attempt('consent.wording.get', {}).then((r) => r.ok && setWording(r.value));
  }, [enabled]);
  return wording;
}

function ConsentStep({ value, onChange }: { value: ConsentChoice; onChange: (v: ConsentChoice) => void }) {
  if (!value.wording) return null;
  const toggle = (c: ConsentChannel, on: boolean) =>
    onChange({ ...value, channels: on ? [...value.channels, c] : value.channels.filter((x) => x !== c) });
  return (
    <section className="card" aria-labelledby="ed-consent">
      <h2 className="card__title" id="ed-consent">
        Consent
      </h2>
      <p className="consent-wording">{value.wording.text}</p>
      <fieldset className="repeat">
        <legend className="repeat__legend">The customer agrees to hear from us</legend>
        {CONSENT_CHANNELS.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={value.channels.includes(c)} onChange={(e) => toggle(c, e.target.checked)} />{' '}
            By {CHANNEL_NAMES[c]}
          </label>
        ))}
      </fieldset>
      <p className="muted">Recorded with wording version {value.wording.version}.</p>
    </section>
  );
}

export function SensitiveWarning({
  notes,
  value,
  onChange,
  where = 'the notes or the text fields',
}: {
  notes: string;
  value: SensitiveChoice;
  onChange: (v: SensitiveChoice) => void;
  /** What the text is, in the sentence "What is written in … may record". */
  where?: string;
}) {
  const hints = findSensitiveHints(notes);
  if (hints.length === 0) return null;
  return (
    <div className="banner banner--warn stack" role="status">
      <p>
        What is written in {where} may record {hints.map((h) => h.label).join(', ')}. Keep it only if it is needed:
        remove the words, or confirm the lawful basis for keeping them.
      </p>
      <div className="grid grid--two">
        <Field id="f-sensitive-basis" label="Lawful basis for keeping it">
          {(control) => (
            <select
              {...control}
              className="input"
              value={value.lawful_basis}
              onChange={(e) => onChange({ ...value, lawful_basis: e.target.value as SpecialCategoryBasis | '' })}
            >
              <option value="">Not confirmed</option>
              {SPECIAL_CATEGORY_BASES.map((b) => (
                <option key={b} value={b}>
                  {SPECIAL_CATEGORY_BASIS_LABELS[b]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="f-sensitive-why" label="Why it is needed" optional>
          {(control) => (
            <input
              {...control}
              className="input"
              value={value.note}
              onChange={(e) => onChange({ ...value, note: e.target.value })}
            />
          )}
        </Field>
      </div>
    </div>
  );
}
