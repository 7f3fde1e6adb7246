// Readable PDFs made in the core (so the command line and every host produce the same file):
// a title, then sections of label/value lines, wrapped to the page. DejaVu Sans is embedded so
// names in any European, Greek or Cyrillic script print as typed.
import fs from 'node:fs';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';

export type PdfSection = { heading: string; rows: { label: string; value: string }[]; empty?: string };

// The fonts sit beside the sources (electron/core/assets) and beside the bundles (dist/assets).
function fontFile(name: string): Buffer {
  const candidates = [
    path.join(__dirname, '..', 'assets', 'fonts', name),
    path.join(__dirname, 'assets', 'fonts', name),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`font ${name} is missing`);
  return fs.readFileSync(found);
}

const PAGE = { width: 595.28, height: 841.89, margin: 56 }; // A4 in points
const INK = rgb(0.12, 0.14, 0.18);
const MUTED = rgb(0.38, 0.42, 0.48);

/** Split text into lines that fit `width` at `size`, breaking on spaces (and inside very long words). */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Characters the embedded font cannot draw become "?" rather than failing the whole document. */
function drawable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return [...text].map((ch) => (supported.has(ch.codePointAt(0) ?? 0) || ch === '\n' ? ch : '?')).join('');
}

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
    ensure(40);
    text(section.heading, PAGE.margin, bold, 13);
    y -= 8;
    page.drawLine({
      start: { x: PAGE.margin, y },
      end: { x: PAGE.width - PAGE.margin, y },
      thickness: 0.5,
      color: MUTED,
    });
    y -= 16;
    if (section.rows.length === 0) {
      ensure(16);
      text(section.empty ?? 'Nothing recorded.', PAGE.margin, regular, 10, MUTED);
      y -= 16;
    }
    for (const row of section.rows) {
      const lines = wrap(drawable(regular, row.value || '—'), regular, 10, contentWidth - labelWidth);
      ensure(14 * Math.min(lines.length, 3) + 4);
      text(row.label, PAGE.margin, bold, 10, MUTED);
      for (const line of lines) {
        ensure(14);
        text(line, PAGE.margin + labelWidth, regular, 10);
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
