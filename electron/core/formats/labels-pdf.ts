// Address labels as a PDF of A4 sheets of 21 (3 across, 7 down, 63.5 × 38.1 mm each: the common
// L7160 layout most label stock follows), one label per address in the order given. Text is real
// PDF text in the embedded DejaVu Sans (so pdftotext, a screen reader and a search read it back),
// a label with many lines or a long one printed smaller rather than cut. Nothing is drawn but the text: the sheet's own die-cut makes the borders.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { drawable, fontFile } from './pdf-text';

const MM = 72 / 25.4;
/** The sheet: A4, with the L7160 margins and pitches (label plus gap) in millimetres. */
const LABEL_SHEET = {
  width: 210,
  height: 297,
  columns: 3,
  rows: 7,
  labelWidth: 63.5,
  labelHeight: 38.1,
  top: 15.15,
  left: 7.25,
  across: 66.0,
  down: 38.1,
} as const;
export const LABELS_PER_SHEET = LABEL_SHEET.columns * LABEL_SHEET.rows;

/** Space kept clear inside each label, so printers that drift a millimetre stay on the label. */
const PADDING = 4 * MM;
const SIZE = 10;
const SMALLEST = 6.5;

export async function renderLabels(labels: string[][], title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(title);
  doc.setCreator('Custodian');
  doc.setProducer('Custodian');
  const font = await doc.embedFont(fontFile('DejaVuSans.ttf'), { subset: true });
  const innerWidth = LABEL_SHEET.labelWidth * MM - 2 * PADDING;
  const innerHeight = LABEL_SHEET.labelHeight * MM - 2 * PADDING;
  const ink = rgb(0, 0, 0);
  const sheets = Math.max(1, Math.ceil(labels.length / LABELS_PER_SHEET));
  for (let s = 0; s < sheets; s++) {
    const page = doc.addPage([LABEL_SHEET.width * MM, LABEL_SHEET.height * MM]);
    labels.slice(s * LABELS_PER_SHEET, (s + 1) * LABELS_PER_SHEET).forEach((label, i) => {
      const column = i % LABEL_SHEET.columns;
      const row = Math.floor(i / LABEL_SHEET.columns);
      const x = (LABEL_SHEET.left + column * LABEL_SHEET.across) * MM + PADDING;
      const top = (LABEL_SHEET.height - LABEL_SHEET.top - row * LABEL_SHEET.down) * MM - PADDING;
      const lines = label.map((l) => drawable(font, l)).filter((l) => l !== '');
      // One size per label, so its lines read as one block: up to 10 pt, smaller when the label
      // has many lines or a long one, never under 6.5 pt (a line still too wide then shrinks alone).
      const byHeight = innerHeight / (lines.length * 1.2);
      const byWidth = Math.min(...lines.map((l) => (SIZE * innerWidth) / Math.max(1, font.widthOfTextAtSize(l, SIZE))));
      const size = Math.max(SMALLEST, Math.min(SIZE, byHeight, byWidth));
      lines.forEach((line, n) => {
        const y = top - size - n * size * 1.2;
        if (y < top - innerHeight - 1) return; // more lines than even the smallest size holds
        const fitted = Math.min(size, (size * innerWidth) / Math.max(1, font.widthOfTextAtSize(line, size)));
        page.drawText(line, { x, y, size: fitted, font, color: ink });
      });
    });
  }
  return doc.save();
}
