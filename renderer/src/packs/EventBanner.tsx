// The line under the header in event mode: which event this pack is for, and what it does.
import { formatDay } from '../../../shared/dates';
import { useEventPack } from './eventPack';

export function EventBanner() {
  const pack = useEventPack((s) => s.pack);
  if (!pack) return null;
  return (
    <output className="banner banner--info" aria-live="polite">
      Event pack: {pack.event_name}, {formatDay(pack.event_date)} ({pack.laptop}). Sign-ups, look-ups and sales only;{' '}
      {pack.lookups.toLocaleString('en-GB')} {pack.lookups === 1 ? 'record' : 'records'} to look up. Bring the pack back
      to base to merge it.
    </output>
  );
}
