// Campaign lists made from saved segments: freeze one for a channel and a purpose (the core keeps
// only those who may be contacted that way today and says who was left out, and why), export the
// mailed members for mail-merge (CSV, XLSX, vCard) or as address labels for a post list, and
// record each member's response.
import { type FormEvent, useCallback, useId, useState } from 'react';
import type { CustomerColumn } from '../../../shared/columns';
import { CHANNEL_NAMES, CONSENT_CHANNELS, type ConsentChannel, notContactableLabel } from '../../../shared/consent';
import type { Output } from '../../../shared/contract';
import {
  type CampaignList,
  LIST_FORMAT_LABELS,
  type ListFormat,
  listLeftOutLabel,
  RESPONSE_LABELS,
  RESPONSES,
  type Response,
  SNAPSHOT_SENTENCE,
} from '../../../shared/contract/campaigns';
import type { Segment } from '../../../shared/contract/segments';
import { plural } from '../../../shared/format';
import { attempt } from '../client';
import { base64ToBytes, savedMessage, saveFile } from '../download';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';

const loadLists = () => attempt('campaigns.list', {});

function LeftOut({ list }: { list: CampaignList }) {
  if (list.left_out.length === 0) return <p>Nobody in the segment was left out.</p>;
  return (
    <ul className="seg__leftout">
      {list.left_out.map((l) => (
        <li key={l.reason}>
          {l.count.toLocaleString('en-GB')} left out: {listLeftOutLabel(l.reason, list.channel)}
        </li>
      ))}
    </ul>
  );
}

function Members({ list }: { list: CampaignList }) {
  const load = useCallback(() => attempt('campaigns.members', { list_id: list.id, limit: 100 }), [list.id]);
  const { data, error, setError, reload } = useLoad<Output<'campaigns.members'>>(load);
  const [told, setTold] = useState<string | null>(null);
  async function respond(customerId: number, response: Response) {
    const result = await attempt('campaigns.respond', { list_id: list.id, customer_id: customerId, response });
    if (result.ok) {
      setTold(result.value.message);
      await reload();
    } else setError(result.error.message);
  }
  return (
    <>
      <ErrorBanner message={error} />
      {told && (
        <p className="banner" role="status">
          {told}
        </p>
      )}
      {data && (
        <table className="table">
          <caption>Members of {list.name}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Mailed</th>
              <th scope="col">Response</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{m.holdout ? 'Held out' : 'Yes'}</td>
                <td>
                  <select
                    className="input"
                    aria-label={`Response of ${m.name}`}
                    value={m.response ?? ''}
                    onChange={(e) => e.target.value && void respond(m.id, e.target.value as Response)}
                  >
                    <option value="">No response recorded</option>
                    {RESPONSES.map((r) => (
                      <option key={r} value={r}>
                        {RESPONSE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The columns a mail-merge on the channel needs. */
function mergeFields(channel: ConsentChannel): CustomerColumn[] {
  const name: CustomerColumn[] = ['title', 'given_name', 'family_name'];
  if (channel === 'post') return [...name, 'address_line1', 'address_line2', 'town', 'postcode', 'country'];
  return [...name, channel === 'email' ? 'email' : 'phone'];
}

/** The formats a list goes out in: labels only for post (JSON is for the command line). */
const formatsFor = (channel: ConsentChannel): ListFormat[] =>
  channel === 'post' ? ['csv', 'xlsx', 'vcf', 'labels'] : ['csv', 'xlsx', 'vcf'];

function ExportList({ list }: { list: CampaignList }) {
  const id = useId();
  const [format, setFormat] = useState<ListFormat>('csv');
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  async function run() {
    setSaved(null);
    const result = await attempt('campaigns.export', {
      list_id: list.id,
      format,
      fields: format === 'labels' ? [] : mergeFields(list.channel),
    });
    if (!result.ok) return setProblem(result.error.fields?.[0]?.message ?? result.error.message);
    setProblem(null);
    const out = result.value;
    const done = await saveFile(out.filename, base64ToBytes(out.content_base64), out.mime, { announce: false });
    const left = out.left_out.map(
      (l) => `${l.count.toLocaleString('en-GB')} ${notContactableLabel(l.reason, list.channel)}`,
    );
    const what = format === 'labels' ? plural(out.rows, 'label') : plural(out.rows, 'person', 'people');
    setSaved(`${savedMessage(done)} ${what}.${left.length ? ` Left out today: ${left.join(', ')}.` : ''}`);
  }
  return (
    <div className="seg__actions">
      <span className="seg__input">
        <label htmlFor={`${id}-format`}>Export {list.name} as</label>
        <select
          id={`${id}-format`}
          className="input"
          value={format}
          onChange={(e) => setFormat(e.target.value as ListFormat)}
        >
          {formatsFor(list.channel).map((f) => (
            <option key={f} value={f}>
              {LIST_FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </span>
      <button type="button" className="button" onClick={() => void run()}>
        Export
      </button>
      {saved && <p role="status">{saved}</p>}
      <ErrorBanner message={problem} />
    </div>
  );
}

function ListCard({ list }: { list: CampaignList }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="card">
      <h3 className="card__title">{list.name}</h3>
      <p>
        {list.members.toLocaleString('en-GB')} members ({list.held_out.toLocaleString('en-GB')} held out) from “
        {list.segment_name}”, for {CHANNEL_NAMES[list.channel]}: {list.purpose}. Made {list.created_at.slice(0, 10)} by{' '}
        {list.created_by}.
      </p>
      <LeftOut list={list} />
      <ExportList list={list} />
      <div className="seg__actions">
        <button type="button" className="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide members' : 'Members and responses'}
        </button>
      </div>
      {open && <Members list={list} />}
    </li>
  );
}

export function CampaignLists({ segments }: { segments: Segment[] }) {
  const id = useId();
  const { data: lists, setData, error } = useLoad(loadLists);
  const [segmentId, setSegmentId] = useState(0);
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<ConsentChannel>('email');
  const [purpose, setPurpose] = useState('');
  const [holdout, setHoldout] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);

  async function make(event: FormEvent) {
    event.preventDefault();
    const result = await attempt('campaigns.create', {
      name,
      segment_id: segmentId || (segments[0]?.id ?? 0),
      channel,
      purpose,
      holdout_percent: holdout,
    });
    if (!result.ok) return setProblem(result.error.fields?.[0]?.message ?? result.error.message);
    setProblem(null);
    setData([result.value, ...(lists ?? [])]);
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        Campaign lists
      </h2>
      <p className="muted">{SNAPSHOT_SENTENCE}</p>
      {segments.length === 0 ? (
        <p>Save a segment first: a list is made from one.</p>
      ) : (
        <form className="seg__save" onSubmit={make}>
          <span className="seg__input">
            <label htmlFor={`${id}-seg`}>From segment</label>
            <select
              id={`${id}-seg`}
              className="input"
              value={segmentId}
              onChange={(e) => setSegmentId(Number(e.target.value))}
            >
              {segments.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </span>
          <span className="seg__input">
            <label htmlFor={`${id}-name`}>List name</label>
            <input id={`${id}-name`} className="input" value={name} onChange={(e) => setName(e.target.value)} />
          </span>
          <span className="seg__input">
            <label htmlFor={`${id}-channel`}>Contact by</label>
            <select
              id={`${id}-channel`}
              className="input"
              value={channel}
              onChange={(e) => setChannel(e.target.value as ConsentChannel)}
            >
              {CONSENT_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_NAMES[c]}
                </option>
              ))}
            </select>
          </span>
          <span className="seg__input seg__input--wide">
            <label htmlFor={`${id}-purpose`}>Campaign purpose</label>
            <input
              id={`${id}-purpose`}
              className="input"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value)}
            />
          </span>
          <span className="seg__input">
            <label htmlFor={`${id}-holdout`}>Hold out (%)</label>
            <input
              id={`${id}-holdout`}
              className="input input--short"
              inputMode="numeric"
              value={holdout}
              onChange={(e) => setHoldout(Number(e.target.value) || 0)}
            />
          </span>
          <button type="submit" className="button button--primary">
            Make the list
          </button>
        </form>
      )}
      <ErrorBanner message={problem ?? error} />
      <ul className="seg__lists">
        {(lists ?? []).map((l) => (
          <ListCard key={l.id} list={l} />
        ))}
      </ul>
    </section>
  );
}
