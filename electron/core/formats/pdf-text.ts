// Text on a PDF page, shared by every PDF the core makes (documents in requests/pdf.ts, address
// labels in labels-pdf.ts): the embedded DejaVu fonts, wrapping to a width, and characters the
// font cannot draw turned into "?" so one odd character never fails a whole document.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PDFFont } from 'pdf-lib';

// The fonts sit beside the sources (electron/core/assets) and beside the bundles (dist/assets).
// import.meta.url, not __dirname: the sources also run as ES modules (the command line through tsx),
// and the bundles define it (build/build.mjs).
export function fontFile(name: string): Buffer {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, '..', 'assets', 'fonts', name), path.join(here, 'assets', 'fonts', name)];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`font ${name} is missing`);
  return fs.readFileSync(found);
}

/** Split text into lines that fit `width` at `size`, breaking on spaces (and inside very long words). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
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
const characterSets = new WeakMap<PDFFont, Set<number>>();
export function drawable(font: PDFFont, text: string): string {
  let supported = characterSets.get(font);
  if (!supported) {
    supported = new Set(font.getCharacterSet());
    characterSets.set(font, supported);
  }
  return [...text].map((ch) => (supported.has(ch.codePointAt(0) ?? 0) || ch === '\n' ? ch : '?')).join('');
}
