// Readable PDFs made in the core (so the command line and every host produce the same file):
// a title, then sections of label/value rows, each wrapped in its own column, a section of a series
// with its bar chart above the rows. DejaVu Sans is embedded so names in any European, Greek or
// Cyrillic script print as typed.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';
import { type BarChart, barChartHeight, drawBarChart } from '../formats/bar-chart-pdf';
import { drawable, fontFile, wrap } from '../formats/pdf-text';

export type PdfSection = {
  heading: string;
  rows: { label: string; value: string }[];
  empty?: string;
  /** The rows' figures drawn as bars, above the rows (which stay, so each figure can be read). */
  chart?: BarChart;
};

const PAGE = { width: 595.28, height: 841.89, margin: 56 }; // A4 in points
const INK = rgb(0.12, 0.14, 0.18);
const MUTED = rgb(0.38, 0.42, 0.48);

export async function renderPdf(
  title: string,
  subtitle: string,
  sections: PdfSection[],
  // A line at the foot of every page (who printed it, when, how to treat it), with the page number.
  options: { footer?: string } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(title);
  doc.setCreator('Custodian');
  doc.setProducer('Custodian');
  const regular = await doc.embedFont(fontFile('DejaVuSans.ttf'), { subset: true });
  const bold = await doc.embedFont(fontFile('DejaVuSans-Bold.ttf'), { subset: true });
  let page = doc.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const contentWidth = PAGE.width - 2 * PAGE.margin;
  const labelWidth = 150;
  const gutter = 8; // between a label's longest line and its value

  const ensure = (height: number) => {
    if (y - height < PAGE.margin) {
      page = doc.addPage([PAGE.width, PAGE.height]);
      y = PAGE.height - PAGE.margin;
    }
  };
  const text = (t: string, x: number, font: PDFFont, size: number, color = INK) => {
    page.drawText(drawable(font, t), { x, y, size, font, color });
  };

  for (const line of wrap(drawable(bold, title), bold, 20, contentWidth)) {
    ensure(26);
    text(line, PAGE.margin, bold, 20);
    y -= 26;
  }
  for (const line of wrap(drawable(regular, subtitle), regular, 9, contentWidth)) {
    ensure(12);
    text(line, PAGE.margin, regular, 9, MUTED);
    y -= 12;
  }
  y -= 16;

  for (const section of sections) {
    const chart = section.chart && section.rows.length > 0 ? section.chart : undefined;
    const chartHeight = chart ? barChartHeight(chart, regular, contentWidth) : 0;
    ensure(40 + chartHeight);
    text(section.heading, PAGE.margin, bold, 13);
    y -= 8;
    page.drawLine({
      start: { x: PAGE.margin, y },
      end: { x: PAGE.width - PAGE.margin, y },
      thickness: 0.5,
      color: MUTED,
    });
    y -= 16;
    if (chart) {
      drawBarChart(page, chart, { x: PAGE.margin, top: y + 6, width: contentWidth, labelWidth }, regular);
      y -= chartHeight;
    }
    if (section.rows.length === 0) {
      ensure(16);
      text(section.empty ?? 'Nothing recorded.', PAGE.margin, regular, 10, MUTED);
      y -= 16;
    }
    for (const row of section.rows) {
      // The label wraps inside its column (short of the value by a gutter) and the row is as tall
      // as the taller of the two, so a long label (a register field's name, a report's line) never
      // runs over its value. Line by line, so a page turn splits both at the same place.
      const labels = wrap(drawable(bold, row.label), bold, 10, labelWidth - gutter);
      const values = wrap(drawable(regular, row.value || '—'), regular, 10, contentWidth - labelWidth);
      const lines = Math.max(labels.length, values.length);
      ensure(14 * Math.min(lines, 3) + 4);
      for (let i = 0; i < lines; i++) {
        ensure(14);
        const label = labels[i];
        const value = values[i];
        if (label) text(label, PAGE.margin, bold, 10, MUTED);
        if (value) text(value, PAGE.margin + labelWidth, regular, 10);
        y -= 14;
      }
      y -= 4;
    }
    y -= 14;
  }
  const pages = doc.getPages();
  if (options.footer) {
    pages.forEach((p, i) => {
      const line = `${options.footer} · Page ${i + 1} of ${pages.length}`;
      p.drawText(drawable(regular, line), { x: PAGE.margin, y: PAGE.margin / 2, size: 8, font: regular, color: MUTED });
    });
  }
  return doc.save();
}
