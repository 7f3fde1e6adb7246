// "My password / PIN": anyone signed in may change their own password or counter PIN
// (staff.setSecret on their own account). The core checks the same rules the form shows.
import { type FormEvent, useState } from 'react';
import { useSession } from '../store';
import { Dialog } from '../ui/Dialog';
import { ErrorBanner } from '../ui/ErrorBanner';
import { FormActions } from '../ui/FormActions';
import { SecretFields } from './SecretFields';
import { useSetSecret } from './useSetSecret';

export function MySecretDialog({ onClose }: { onClose: () => void }) {
  const id = useSession((s) => s.session?.user.id ?? 0);
  const { values, setValues, errors, problem, busy, send } = useSetSecret(id);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const what = [values.password && 'password', values.pin && 'PIN'].filter(Boolean).join(' and ');
    if (await send()) setDone(`Your new ${what} is saved. Use it next time you sign in.`);
  }

  return (
    <Dialog title="My password / PIN" onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <p className="muted">Fill in either or both. Leave a box empty to keep what you have.</p>
        <ErrorBanner message={problem} />
        {done && (
          <output className="banner banner--info" aria-live="polite">
            {done}
          </output>
        )}
        <SecretFields idPrefix="my" values={values} errors={errors} onChange={setValues} autoFocus />
        <FormActions onCancel={onClose} cancelLabel="Close" busy={busy} label="Save" busyLabel="Saving…" />
      </form>
    </Dialog>
  );
}
