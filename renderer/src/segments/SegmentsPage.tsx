// Segments and campaign lists (owners and managers): the saved segments with anything the register
// has changed under them, the builder for a new or chosen one, and the lists made from them.
import { useState } from 'react';
import type { Segment } from '../../../shared/contract/segments';
import { CampaignLists } from '../campaigns/CampaignLists';
import { attempt } from '../client';
import { ErrorBanner } from '../ui/ErrorBanner';
import { useLoad } from '../useLoad';
import { SegmentBuilder } from './SegmentBuilder';

const loadSegments = () => attempt('segments.list', {});
const loadFields = () => attempt('register.list', {});

export function SegmentsPage() {
  const { data: segments, setData, error } = useLoad(loadSegments);
  const { data: register } = useLoad(loadFields);
  const [editing, setEditing] = useState<Segment | null>(null);
  const [builder, setBuilder] = useState(0);
  const fields = (register ?? []).filter((f) => f.kind !== null && f.priority !== 'not_collected');

  function saved(s: Segment) {
    setData([s, ...(segments ?? []).filter((x) => x.id !== s.id)]);
    setEditing(s);
  }

  return (
    <main className="page" aria-labelledby="segments-title">
      <h1 className="page__title" id="segments-title">
        Segments and campaign lists
      </h1>
      <ErrorBanner message={error} />
      <section className="card" aria-labelledby="saved-title">
        <h2 className="card__title" id="saved-title">
          Saved segments
        </h2>
        {segments && segments.length === 0 && <p>None yet: build one below.</p>}
        <ul className="seg__saved">
          {(segments ?? []).map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  setEditing(s);
                  setBuilder((b) => b + 1);
                }}
              >
                {s.name}
              </button>{' '}
              — {s.purpose}
              {s.review.length > 0 && <strong> (needs review)</strong>}
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button"
          onClick={() => {
            setEditing(null);
            setBuilder((b) => b + 1);
          }}
        >
          New segment
        </button>
      </section>
      <SegmentBuilder key={builder} editing={editing} fields={fields} onSaved={saved} />
      <CampaignLists segments={segments ?? []} />
    </main>
  );
}
