// What a report section says while it has no figures to show: they are being counted (all time
// can take a while on a large file), or the chosen dates do not make a period yet.
import type { Figures } from './FiguresFor';

export function Waiting({ busy, figures }: { busy: boolean; figures: Figures }) {
  if (busy) return <p className="muted">Counting the figures…</p>;
  if (!figures) return <p className="muted">The figures wait for dates that make a period (see “Figures for”).</p>;
  return null;
}
