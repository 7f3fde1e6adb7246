// The owner's backup settings on the Settings page: the folder backups go to (a second disk, a
// USB stick, a synced cloud folder: the copies are encrypted like the file), how often one is
// made while the file is open, and after how many days without a good one the warning shows.
import { useState } from 'react';
import type { Settings } from '../../../shared/contract/settings';
import { SettingsForm, useSettingsSave } from '../settings/SettingsForm';
import { Field } from '../ui/Field';
import { NumberSetting } from '../ui/NumberSetting';
import { backupsChanged } from './BackupWarning';

type Key = 'backup_folder' | 'backup_every_hours' | 'backup_warn_after_days';

export function BackupSettingsSection({ settings, onSaved }: { settings: Settings; onSaved: (s: Settings) => void }) {
  const [values, setValues] = useState<Record<Key, string>>({
    backup_folder: settings.backup_folder,
    backup_every_hours: String(settings.backup_every_hours),
    backup_warn_after_days: String(settings.backup_warn_after_days),
  });
  const saving = useSettingsSave(onSaved);
  const { errors } = saving;

  async function submit() {
    const saved = await saving.save({
      backup_folder: values.backup_folder.trim(),
      backup_every_hours: Number(values.backup_every_hours),
      backup_warn_after_days: Number(values.backup_warn_after_days),
    });
    if (saved) backupsChanged();
  }

  return (
    <SettingsForm titleId="backups-settings-title" title="Backups" state={saving} onSubmit={() => void submit()}>
      <Field
        id="set-backup_folder"
        label="Folder for backups"
        hint="The full path of a folder on another disk, a USB stick or a synced cloud folder. Backups are encrypted like the file."
        error={errors.backup_folder}
      >
        {(control) => (
          <input
            {...control}
            className="input"
            value={values.backup_folder}
            onChange={(e) => setValues({ ...values, backup_folder: e.target.value })}
          />
        )}
      </Field>
      <NumberSetting
        id="set-backup_every_hours"
        label="Make a backup by itself every this many hours while the file is open"
        hint="Between 1 and 168. A backup is also made when the file is closed."
        error={errors.backup_every_hours}
        min={1}
        max={168}
        value={values.backup_every_hours}
        onChange={(value) => setValues({ ...values, backup_every_hours: value })}
      />
      <NumberSetting
        id="set-backup_warn_after_days"
        label="Warn when the last good backup is older than this many days"
        hint="Between 1 and 90."
        error={errors.backup_warn_after_days}
        min={1}
        max={90}
        value={values.backup_warn_after_days}
        onChange={(value) => setValues({ ...values, backup_warn_after_days: value })}
      />
    </SettingsForm>
  );
}
