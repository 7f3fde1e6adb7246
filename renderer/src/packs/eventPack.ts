// Whether the open file is an event pack (packs.current), read once after signing in. The core
// already refuses everything an event pack does not do; the window uses this to show the banner,
// offer only the customer page and record sign-ups and consent as taken at the event.
import { create } from 'zustand';
import type { PackInfo } from '../../../shared/contract/packs';
import { attempt } from '../client';

export const useEventPack = create<{ pack: PackInfo | null }>(() => ({ pack: null }));

export async function loadEventPack(): Promise<void> {
  const result = await attempt('packs.current', {});
  useEventPack.setState({ pack: result.ok ? result.value : null });
}

/** How a sign-up's consent was collected: at the event in a pack, else at the counter. */
export function captureMethod(): 'event' | 'counter' {
  return useEventPack.getState().pack ? 'event' : 'counter';
}
