// The owner's settings: how long before a record needs checking or is kept no longer, the idle
// lock, whether third-party requests need approval, the consent wording (each save a new
// version), where backups go and how often, and the file passphrase. Each section saves on its own; the core checks every value
// against the same shared schema and its refusals show beside the field they are about.
import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { BackupSettingsSection } from '../backups/BackupSettingsSection';
import { attempt } from '../client';
import { WordingSection } from '../consent/WordingSection';
import { useSession } from '../store';
import { ErrorBanner } from '../ui/ErrorBanner';
import { NumberSetting } from '../ui/NumberSetting';
import { PassphraseSection } from '../vault/PassphraseSection';
import { SettingsForm, useSettingsSave } from './SettingsForm';

export function SettingsPage() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void attempt('settings.get', {}).then((r) => (r.ok ? setSettings(r.value) : setProblem(r.error.message)));
  }, []);

  function saved(next: Settings) {
    setSettings(next);
    // The idle sign-out in this window follows the new minutes straight away.
    useSession.setState({ settings: next });
  }

  return (
    <main className="page" aria-labelledby="settings-title">
      <header className="page__head">
        <h1 id="settings-title" className="record__name">
          Settings
        </h1>
        <p className="muted">
          How this file keeps records, signs people out and is protected. Only you can change them.
        </p>
      </header>
      <ErrorBanner message={problem} />
      {settings === null ? (
        !problem && <p className="muted">Reading the settings…</p>
      ) : (
        <>
          <SettingsSection
            id="accuracy"
            title="Keeping records accurate"
            settings={settings}
            onSaved={saved}
            fields={['stale_after_months', 'redundant_after_years']}
          />
          <SettingsSection
            id="signing-in"
            title="Signing in"
            settings={settings}
            onSaved={saved}
            fields={['idle_lock_minutes']}
          />
          <SettingsSection
            id="requests"
            title="Requests"
            settings={settings}
            onSaved={saved}
            fields={['third_party_needs_approval']}
          />
          <BackupSettingsSection settings={settings} onSaved={saved} />
        </>
      )}
      <WordingSection />
      <PassphraseSection />
    </main>
  );
}

type NumberKey = 'stale_after_months' | 'redundant_after_years' | 'idle_lock_minutes';
type Key = NumberKey | 'third_party_needs_approval';

const NUMBERS: Record<NumberKey, { label: string; hint: string; min: number; max: number }> = {
  stale_after_months: {
    label: 'Ask to check a record after this many months',
    hint: 'Records nobody has confirmed with the customer for this long join the list on Data quality. 1 to 600.',
    min: 1,
    max: 600,
  },
  redundant_after_years: {
    label: 'Propose deleting a record after this many years unused',
    hint: 'Records with no activity (or archived) for this long are proposed for deletion on Data quality. 1 to 100.',
    min: 1,
    max: 100,
  },
  idle_lock_minutes: {
    label: 'Sign out after this many idle minutes',
    hint: 'Between 1 and 240. Applies to everyone at this computer.',
    min: 1,
    max: 240,
  },
};

function SettingsSection(props: {
  id: string;
  title: string;
  settings: Settings;
  fields: Key[];
  onSaved: (s: Settings) => void;
}) {
  const { id, title, settings, fields, onSaved } = props;
  const [values, setValues] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(fields.map((f) => [f, typeof settings[f] === 'boolean' ? settings[f] : String(settings[f])])),
  );
  const saving = useSettingsSave(onSaved);
  const { errors } = saving;

  function submit() {
    const empty = fields.filter((f) => typeof values[f] === 'string' && String(values[f]).trim() === '');
    if (empty.length > 0) return saving.refuse(Object.fromEntries(empty.map((f) => [f, 'Enter a number.'])));
    const input = Object.fromEntries(
      fields.map((f) => [f, typeof values[f] === 'boolean' ? values[f] : Number(values[f])]),
    ) as Partial<Settings>;
    void saving.save(input);
  }

  return (
    <SettingsForm titleId={`${id}-title`} title={title} state={saving} onSubmit={submit}>
      {fields.map((f) =>
        f === 'third_party_needs_approval' ? (
          <label key={f} className="check check--strong">
            <input
              type="checkbox"
              checked={values[f] === true}
              onChange={(e) => setValues({ ...values, [f]: e.target.checked })}
            />
            Requests from third parties (another organisation, the police) need a manager’s approval
          </label>
        ) : (
          <NumberSetting
            key={f}
            id={`set-${f}`}
            label={NUMBERS[f].label}
            hint={NUMBERS[f].hint}
            error={errors[f]}
            min={NUMBERS[f].min}
            max={NUMBERS[f].max}
            value={String(values[f] ?? '')}
            onChange={(value) => setValues({ ...values, [f]: value })}
          />
        ),
      )}
    </SettingsForm>
  );
}
