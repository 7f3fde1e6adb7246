// What every section of the Settings page shares: the save (the core checks the values against
// the shared schema; a refusal about a field shows beside it, any other in the banner) and the
// card around the fields, with its "Saved" notice and its "Save …" button.
import { type FormEvent, type ReactNode, useState } from 'react';
import type { Input } from '../../../shared/contract';
import type { Settings } from '../../../shared/contract/settings';
import { attempt } from '../client';
import { ErrorBanner } from '../ui/ErrorBanner';
import { placeRefusal } from '../ui/refusal';

type Errors = Record<string, string>;

export function useSettingsSave(onSaved: (s: Settings) => void) {
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  /** Refused here before asking the core: these errors beside their fields, the rest cleared. */
  function refuse(found: Errors) {
    setErrors(found);
    setProblem(null);
    setDone(false);
  }

  /** True once the core has saved the values. */
  async function save(input: Input<'settings.update'>): Promise<boolean> {
    setBusy(true);
    refuse({});
    const result = await attempt('settings.update', input);
    setBusy(false);
    if (!result.ok) {
      const { errors, problem } = placeRefusal(result.error);
      setErrors(errors);
      setProblem(problem);
      return false;
    }
    onSaved(result.value);
    setDone(true);
    return true;
  }

  return { errors, problem, done, busy, refuse, save };
}

export function SettingsForm(props: {
  titleId: string;
  /** The section's heading; its button says "Save" and the heading in lower case. */
  title: string;
  state: { problem: string | null; done: boolean; busy: boolean };
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { titleId, title, state } = props;
  function submit(event: FormEvent) {
    event.preventDefault();
    props.onSubmit();
  }
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        {title}
      </h2>
      <form className="stack" onSubmit={submit} noValidate>
        <ErrorBanner message={state.problem} />
        {state.done && (
          <output className="banner banner--info" aria-live="polite">
            Saved. The change applies from now on.
          </output>
        )}
        {props.children}
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={state.busy}>
            {state.busy ? 'Saving…' : `Save ${title.toLowerCase()}`}
          </button>
        </div>
      </form>
    </section>
  );
}
