// How the chosen fields go out. A vCard holds contact details only: with purchases, consent,
// contacts or the register's own fields chosen it is not offered, and the reason is shown.
import { CHANNEL_LABELS, CHANNELS } from '../../../shared/contract/requests';
import { type HandoverField, notOnVcard } from '../../../shared/handover';
import { fieldLabels } from './labels';

export type Channel = (typeof CHANNELS)[number];

type Props = {
  id: string;
  channel: Channel;
  fields: HandoverField[];
  labels: Record<string, string>;
  onChange: (channel: Channel) => void;
};

export function ChannelPicker({ id, channel, fields, labels, onChange }: Props) {
  const notOnCard = notOnVcard(fields);
  return (
    <fieldset className="choices" aria-describedby={notOnCard.length ? `${id}-vcard` : undefined}>
      <legend className="field__label">How it is handed over</legend>
      <div className="choices__grid">
        {CHANNELS.map((c) => (
          <label key={c} className="check check--strong">
            <input
              type="radio"
              name={`${id}-channel`}
              value={c}
              checked={channel === c}
              disabled={c === 'vcard' && notOnCard.length > 0 && channel !== 'vcard'}
              onChange={() => onChange(c)}
            />
            {CHANNEL_LABELS[c]}
          </label>
        ))}
      </div>
      {notOnCard.length > 0 && (
        <p className="muted" id={`${id}-vcard`}>
          A vCard holds contact details only, not {fieldLabels(notOnCard, labels)}.
        </p>
      )}
    </fieldset>
  );
}
