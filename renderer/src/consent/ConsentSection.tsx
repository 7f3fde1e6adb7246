// "Consent" on a customer's record: the current state per channel in plain words ("email",
// "no email"), the do-not-contact flag that overrides everything, the full history with the
// exact wording each event was recorded under, and a dialog to record a new event.
import { useCallback, useEffect, useState } from 'react';
import {
  CHANNEL_NAMES,
  CONSENT_CHANNELS,
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  type ConsentHistory,
  type ConsentWording,
  SOFT_OPT_IN_LABELS,
} from '../../../shared/consent';
import type { Customer } from '../../../shared/customer';
import { attempt } from '../client';
import { formatStamp } from '../format';
import { useCan } from '../permissions';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { Field } from '../ui/Field';
import { useLoad } from '../useLoad';

export function ConsentSection({ customer }: { customer: Customer }) {
  const {
    data: history,
    setData: setHistory,
    error: problem,
    setError: setProblem,
  } = useLoad(useCallback(() => attempt('consent.history', { customer_id: customer.id }), [customer.id]));
  const [recording, setRecording] = useState(false);
  const canRecord = useCan('consent.record');

  async function toggleDoNotContact(on: boolean) {
    const result = await attempt('consent.setDoNotContact', { customer_id: customer.id, on });
    if (result.ok) setHistory(result.value);
    else setProblem(result.error.message);
  }

  const dnc = history?.do_not_contact;
  return (
    <section className="card" aria-labelledby="rec-consent">
      <div className="card__bar">
        <h2 className="card__title" id="rec-consent">
          Consent
        </h2>
        {canRecord && (
          <button type="button" className="button button--small" onClick={() => setRecording(true)}>
            Record consent
          </button>
        )}
      </div>
      <ErrorBanner message={problem} />
      {history && (
        <>
          <ul className="consent-now" aria-label="Current consent">
            {history.current.map((s) => (
              <li key={`${s.channel}-${s.purpose}`} className={`chip${s.may_contact ? '' : ' chip--off'}`}>
                {s.label}
              </li>
            ))}
          </ul>
          {dnc?.on && (
            <p className="banner banner--warn" role="status">
              Do not contact — set {formatStamp(dnc.at)} by {dnc.by}
              {dnc.reason ? `: ${dnc.reason}` : ''}. This overrides every consent.
            </p>
          )}
          {canRecord && (
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => void toggleDoNotContact(!dnc?.on)}
            >
              {dnc?.on ? 'Lift do not contact' : 'Do not contact'}
            </button>
          )}
          {history.events.length === 0 ? (
            <p className="muted">No consent recorded.</p>
          ) : (
            <ol className="consent-history" aria-label="Consent history">
              {history.events.map((e) => (
                <li key={e.id}>
                  <strong>
                    {CHANNEL_NAMES[e.channel]} {e.purpose}: {e.action}
                  </strong>{' '}
                  {e.basis === 'soft_opt_in' && <span className="chip">soft opt-in</span>} ·{' '}
                  {CONSENT_METHOD_LABELS[e.method]} · {formatStamp(e.at)} by {e.by}
                  <blockquote className="muted">
                    Wording v{e.wording_version}: “{e.wording}”
                  </blockquote>
                  {e.evidence_note && <p>Evidence: {e.evidence_note}</p>}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {recording && (
        <RecordConsentDialog
          customerId={customer.id}
          onClose={() => setRecording(false)}
          onSaved={(h) => {
            setHistory(h);
            setRecording(false);
          }}
        />
      )}
    </section>
  );
}

type Channel = (typeof CONSENT_CHANNELS)[number];

function RecordConsentDialog({
  customerId,
  onClose,
  onSaved,
}: {
  customerId: number;
  onClose: () => void;
  onSaved: (history: ConsentHistory) => void;
}) {
  const [wording, setWording] = useState<ConsentWording | null>(null);
  const [channel, setChannel] = useState<Channel>('email');
  const [action, setAction] = useState<'given' | 'withdrawn'>('given');
  const [basis, setBasis] = useState<'consent' | 'soft_opt_in'>('consent');
  const [method, setMethod] = useState<(typeof CONSENT_METHODS)[number]>('counter');
  const [soft, setSoft] = useState({ sale_or_negotiation: false, similar_products: false, opt_out_offered: false });
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void attempt('consent.wording.get', {}).then((r) => (r.ok ? setWording(r.value) : setProblem(r.error.message)));
  }, []);

  async function save() {
    if (!wording) return;
    setBusy(true);
    setProblem(null);
    const result = await attempt('consent.record', {
      customer_id: customerId,
      channel,
      action,
      basis,
      method,
      wording_version: wording.version,
      evidence_note: note,
      ...(basis === 'soft_opt_in' ? { soft_opt_in: soft } : {}),
    });
    setBusy(false);
    if (result.ok) onSaved(result.value);
    // The dialog has no place beside its fields, so every message goes in the banner, each once
    // (the soft opt-in refusal's message and its field error are the same sentence).
    else
      setProblem([...new Set([result.error.message, ...(result.error.fields ?? []).map((f) => f.message)])].join(' '));
  }

  return (
    <Dialog title="Record consent" onClose={onClose}>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <ErrorBanner message={problem} />
        {wording && (
          <blockquote className="consent-wording">
            Wording v{wording.version}: “{wording.text}”
          </blockquote>
        )}
        <div className="grid grid--two">
          <Field id="co-channel" label="Channel">
            {(control) => (
              <select
                {...control}
                className="input"
                value={channel}
                onChange={(e) => setChannel(e.target.value as Channel)}
              >
                {CONSENT_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {CHANNEL_NAMES[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="co-action" label="The customer has">
            {(control) => (
              <select
                {...control}
                className="input"
                value={action}
                onChange={(e) => setAction(e.target.value as 'given' | 'withdrawn')}
              >
                <option value="given">given consent</option>
                <option value="withdrawn">withdrawn consent</option>
              </select>
            )}
          </Field>
          <Field id="co-basis" label="Basis">
            {(control) => (
              <select
                {...control}
                className="input"
                value={basis}
                onChange={(e) => setBasis(e.target.value as 'consent' | 'soft_opt_in')}
              >
                <option value="consent">Consent</option>
                <option value="soft_opt_in">Soft opt-in (existing customer)</option>
              </select>
            )}
          </Field>
          <Field id="co-method" label="How it was collected">
            {(control) => (
              <select
                {...control}
                className="input"
                value={method}
                onChange={(e) => setMethod(e.target.value as (typeof CONSENT_METHODS)[number])}
              >
                {CONSENT_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {CONSENT_METHOD_LABELS[m]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {basis === 'soft_opt_in' && (
          <fieldset className="repeat">
            <legend className="repeat__legend">All three must hold</legend>
            {(Object.keys(SOFT_OPT_IN_LABELS) as (keyof typeof soft)[]).map((k) => (
              <label key={k} className="check">
                <input
                  type="checkbox"
                  checked={soft[k]}
                  onChange={(e) => setSoft({ ...soft, [k]: e.target.checked })}
                />{' '}
                {SOFT_OPT_IN_LABELS[k]}
              </label>
            ))}
          </fieldset>
        )}
        <Field id="co-note" label="Evidence" optional hint="For example: signed form number, call reference.">
          {(control) => <input {...control} className="input" value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy || !wording}>
            Save consent
          </button>
        </div>
      </form>
    </Dialog>
  );
}
