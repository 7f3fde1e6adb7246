// A horizontal bar chart drawn onto a pdf-lib page as vector shapes, for a brief's series of counts.
// The core has no browser to run the screens' Recharts in, so it draws its own: the scale and its
// ticks come from d3-scale, the labels are real text in the page's font (pdftotext reads them),
// and there is one dark fill with thin lines so it prints the same in greyscale. The table below a
// chart stays the way to read every figure. A bar marked `upTo` is a figure known only to be under
// its value (a small count a brief will not print): it is drawn as an open dashed band reaching that
// value, so its length says no more than its words ("fewer than 5").
import { scaleLinear } from 'd3-scale';
import { type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { formatCount } from '../../../shared/format';
import { drawable, wrap } from './pdf-text';

export type ChartBar = { label: string; value: number; text: string; upTo?: boolean };
export type BarChart = { caption: string; bars: ChartBar[] };

/** More bars than this and only the largest are drawn (in their table order); the table keeps all. */
export const MOST_BARS = 20;

const FILL = rgb(0.2, 0.22, 0.26);
const MUTED = rgb(0.38, 0.42, 0.48);
const GRID = rgb(0.8, 0.81, 0.83);
const SIZE = 8;
const PITCH = 13; // one bar's row
const BAR = 9; // the bar's thickness within its row
const LINE = 10; // a caption line
const CAPTION_GAP = 4;
const AXIS = 18; // the axis line, its ticks and their labels
const GAP = 6;
const TICKS = 5; // about how many ticks the axis gets; d3 picks round steps near it

/** The bars a chart draws: all of them, or the MOST_BARS largest kept in the order given. */
function drawn(bars: ChartBar[]): ChartBar[] {
  if (bars.length <= MOST_BARS) return bars;
  const largest = new Set([...bars].sort((a, b) => b.value - a.value).slice(0, MOST_BARS));
  return bars.filter((b) => largest.has(b));
}

/** The caption, wrapped to the chart's width. */
function caption(chart: BarChart, font: PDFFont, width: number): string[] {
  const n = chart.bars.length;
  const words =
    n > MOST_BARS
      ? `${chart.caption} The ${MOST_BARS} largest of ${formatCount(n)} are drawn; the table has all.`
      : chart.caption;
  return wrap(drawable(font, words), font, SIZE, width);
}

/** The height the chart takes, so the page can be turned before it rather than through it. */
export function barChartHeight(chart: BarChart, font: PDFFont, width: number): number {
  return caption(chart, font, width).length * LINE + CAPTION_GAP + drawn(chart.bars).length * PITCH + AXIS + GAP;
}

/** The label cut to its width, ending in an ellipsis when it had to be cut. */
function cutToWidth(font: PDFFont, text: string, width: number): string {
  const t = drawable(font, text);
  if (font.widthOfTextAtSize(t, SIZE) <= width) return t;
  let n = t.length;
  while (n > 1 && font.widthOfTextAtSize(`${t.slice(0, n)}…`, SIZE) > width) n--;
  return `${t.slice(0, n).trimEnd()}…`;
}

/**
 * Draws the chart with its top-left corner at (x, top): the caption, a label column of
 * `labelWidth`, the bars with their figures at their ends, and the axis beneath.
 */
export function drawBarChart(
  page: PDFPage,
  chart: BarChart,
  box: { x: number; top: number; width: number; labelWidth: number },
  font: PDFFont,
): void {
  const bars = drawn(chart.bars);
  const text = (t: string, x: number, y: number, color = FILL) => page.drawText(t, { x, y, size: SIZE, font, color });
  const lines = caption(chart, font, box.width);
  lines.forEach((line, i) => {
    text(line, box.x, box.top - SIZE - i * LINE, MUTED);
  });

  const ends = bars.map((b) => drawable(font, b.text));
  const endWidth = Math.max(0, ...ends.map((t) => font.widthOfTextAtSize(t, SIZE))) + 4;
  const left = box.x + box.labelWidth;
  const span = box.width - box.labelWidth - endWidth;
  const x = scaleLinear()
    .domain([0, Math.max(1, ...bars.map((b) => b.value))])
    .nice(TICKS)
    .range([0, span]);
  const top = box.top - lines.length * LINE - CAPTION_GAP;
  const bottom = top - bars.length * PITCH;

  // Counts are whole: a fractional tick (0.5 of a customer) would mean nothing.
  const ticks = x.ticks(TICKS).filter((t) => Number.isInteger(t));
  for (const t of ticks) {
    const at = left + x(t);
    page.drawLine({ start: { x: at, y: top }, end: { x: at, y: bottom }, thickness: 0.25, color: GRID });
    page.drawLine({ start: { x: at, y: bottom }, end: { x: at, y: bottom - 3 }, thickness: 0.5, color: MUTED });
    const label = formatCount(t);
    text(label, at - font.widthOfTextAtSize(label, SIZE) / 2, bottom - 3 - SIZE, MUTED);
  }
  page.drawLine({
    start: { x: left, y: bottom },
    end: { x: left + span, y: bottom },
    thickness: 0.5,
    color: MUTED,
  });
  page.drawLine({ start: { x: left, y: top }, end: { x: left, y: bottom }, thickness: 0.5, color: MUTED });

  bars.forEach((bar, i) => {
    const rowTop = top - i * PITCH;
    const y = rowTop - (PITCH + BAR) / 2;
    const length = x(bar.value);
    text(cutToWidth(font, bar.label, box.labelWidth - GAP), box.x, y + 1.5);
    if (bar.upTo) {
      page.drawRectangle({
        x: left,
        y,
        width: length,
        height: BAR,
        borderColor: FILL,
        borderWidth: 0.75,
        borderDashArray: [2, 1.5],
      });
    } else if (length > 0) {
      page.drawRectangle({ x: left, y, width: length, height: BAR, color: FILL });
    }
    text(ends[i] ?? '', left + length + 3, y + 1.5);
  });
}
