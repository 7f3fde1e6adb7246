// Make a brief (owners and managers): a title, who it is for and why, and which figures go in,
// counted over the page's period and basis; the core prints it as a PDF stamped with all of that,
// aggregates only, and audits it.
import { type FormEvent, useId, useState } from 'react';
import type { BriefItem } from '../../../shared/contract/briefs';
import type { SalesBy } from '../../../shared/contract/reports';
import { attempt } from '../client';
import { base64ToBytes, savedMessage, saveFile } from '../download';
import type { Figures } from '../reports/FiguresFor';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';

const loadSegments = () => attempt('segments.list', {});

export function BriefForm({ salesBy, figures }: { salesBy: SalesBy; figures: Figures }) {
  const id = useId();
  const { data: segments } = useLoad(loadSegments);
  const [title, setTitle] = useState('');
  const [audience, setAudience] = useState('');
  const [purpose, setPurpose] = useState('');
  const [picked, setPicked] = useState({ rfm: true, sales: true, repeat: false });
  const [segmentIds, setSegmentIds] = useState<number[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function make(event: FormEvent) {
    event.preventDefault();
    if (!figures) return setProblem('Choose dates that make a period under “Figures for” first.');
    const items: BriefItem[] = [
      ...(picked.rfm ? [{ kind: 'rfm' } as const] : []),
      ...(picked.sales ? [{ kind: 'sales', by: salesBy } as const] : []),
      ...(picked.repeat ? [{ kind: 'repeat' } as const] : []),
      ...segmentIds.map((segment_id) => ({ kind: 'segment', segment_id }) as const),
    ];
    const result = await attempt('briefs.make', { title, audience, purpose, items, ...figures });
    if (!result.ok) return setProblem(result.error.fields?.[0]?.message ?? result.error.message);
    setProblem(null);
    const out = result.value;
    setSaved(
      savedMessage(await saveFile(out.filename, base64ToBytes(out.content_base64), out.mime, { announce: false })),
    );
  }

  const check = (key: keyof typeof picked, label: string) => (
    <label className="check">
      <input
        type="checkbox"
        checked={picked[key]}
        onChange={(e) => setPicked({ ...picked, [key]: e.target.checked })}
      />{' '}
      {label}
    </label>
  );

  return (
    <form className="card" onSubmit={make} aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        Make a brief
      </h2>
      <p className="muted">
        A PDF of figures for colleagues, for the period and basis chosen under “Figures for”. Counts under 5 are shown
        as “fewer than 5”; nobody is named.
      </p>
      <div className="seg__save">
        <span className="seg__input">
          <label htmlFor={`${id}-t`}>Title</label>
          <input id={`${id}-t`} className="input" value={title} onChange={(e) => setTitle(e.target.value)} />
        </span>
        <span className="seg__input">
          <label htmlFor={`${id}-a`}>For</label>
          <input id={`${id}-a`} className="input" value={audience} onChange={(e) => setAudience(e.target.value)} />
        </span>
        <span className="seg__input seg__input--wide">
          <label htmlFor={`${id}-p`}>Purpose</label>
          <input id={`${id}-p`} className="input" value={purpose} onChange={(e) => setPurpose(e.target.value)} />
        </span>
      </div>
      <fieldset className="seg__choices">
        <legend>Figures</legend>
        {check('rfm', 'Customer groups')}
        {check('sales', 'Sales, as chosen above')}
        {check('repeat', 'Coming back')}
        {(segments ?? []).map((s) => (
          <label key={s.id} className="check">
            <input
              type="checkbox"
              checked={segmentIds.includes(s.id)}
              onChange={(e) =>
                setSegmentIds(e.target.checked ? [...segmentIds, s.id] : segmentIds.filter((x) => x !== s.id))
              }
            />{' '}
            Segment: {s.name}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button--primary">
        Make the brief (PDF)
      </button>
      {saved && <p role="status">{saved}</p>}
      <ErrorBanner message={problem} />
    </form>
  );
}
