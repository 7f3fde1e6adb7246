// Handing over for a request (not subject access, which gets the complete pack): the fields,
// the channel, a passphrase for an encrypted file; then the file is saved, or the fields are
// shown on screen, one line a purchase, consent event or contact.
import { type FormEvent, useState } from 'react';
import type { Output } from '../../../shared/contract';
import type { InfoRequest } from '../../../shared/contract/requests';
import { type HandoverField, MINIMUM_FIELDS } from '../../../shared/handover';
import { attempt } from '../client';
import { base64ToBytes, saveFile } from '../download';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { FactRow } from '../ui/FactRow';
import { Field } from '../ui/Field';
import { FormActions } from '../ui/FormActions';
import { PassphraseInput } from '../ui/PassphraseInput';
import { type Channel, ChannelPicker } from './ChannelPicker';
import { FieldPicker } from './FieldPicker';

type Props = {
  request: InfoRequest;
  options: Output<'requests.options'>;
  onCancel: () => void;
  onDone: () => Promise<void>;
};

export function HandoverForm({ request: r, options, onCancel, onDone }: Props) {
  const starting: HandoverField[] = MINIMUM_FIELDS[r.requester_type].filter((k) => options.fields.includes(k));
  const [fields, setFields] = useState<HandoverField[]>(starting);
  const [channel, setChannel] = useState<Channel>('pdf');
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | undefined>(undefined);
  const [shown, setShown] = useState<Output<'requests.supply'>['shown'] | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `ho-${r.id}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setPassphraseError(undefined);
    setBusy(true);
    const result = await attempt('requests.supply', {
      id: r.id,
      fields,
      channel,
      ...(channel === 'encrypted' ? { file_passphrase: passphrase } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      const onPassphrase = result.error.fields?.find((f) => f.path === 'file_passphrase');
      if (onPassphrase) setPassphraseError(onPassphrase.message);
      else setProblem(result.error.fields?.[0]?.message ?? result.error.message);
      return;
    }
    if (channel === 'screen') return setShown(result.value.shown);
    void saveFile(result.value.filename, base64ToBytes(result.value.content_base64), result.value.mime);
    await onDone();
  }

  return (
    <form className="subform stack" onSubmit={submit} noValidate aria-label={`Hand over for request ${r.id}`}>
      <ErrorBanner message={problem} />
      <FieldPicker id={id} options={options} fields={fields} minimum={starting.length} onChange={setFields} />
      <ChannelPicker id={id} channel={channel} fields={fields} labels={options.labels} onChange={setChannel} />
      {channel === 'encrypted' && (
        <Field
          id={`${id}-passphrase`}
          label="Passphrase for the encrypted file"
          error={passphraseError}
          hint="At least 10 characters. Tell it to the recipient separately (by phone, in person); it is not stored."
        >
          {(control) => (
            <PassphraseInput
              {...control}
              autoComplete="off"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          )}
        </Field>
      )}
      <FormActions
        onCancel={onCancel}
        busy={busy}
        label={channel === 'screen' ? 'Show on screen' : 'Hand over and save the file'}
        busyLabel="Preparing…"
      />
      {shown && (
        <Dialog title="Shown on screen" onClose={() => void onDone()}>
          <dl className="facts">
            {shown.map((f) => (
              <FactRow key={f.label} term={f.label} value={f.value} items={f.items} />
            ))}
          </dl>
        </Dialog>
      )}
    </form>
  );
}
