// Which text encoding a file is in, from its first bytes: a BOM decides (UTF-8, UTF-16 LE/BE);
// otherwise UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what Excel on Windows
// writes for "CSV"). A file with NUL bytes that is not UTF-16 is binary, not text.
import { CoreError } from '../../../shared/contract/result';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
type Detected = { encoding: TextEncoding; bom: number };

/** Valid UTF-8, ignoring a sequence cut off at the end of the sample. */
function isUtf8(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Step back over a multi-byte character the sample cut in two.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back] as number;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (need > back) end -= back;
    }
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM: every other byte of plain text is zero. */
function guessUtf16(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const half = n / 2;
  if (oddZeros > half * 0.4 && evenZeros < half * 0.05) return 'utf-16le';
  if (evenZeros > half * 0.4 && oddZeros < half * 0.05) return 'utf-16be';
  return null;
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return n > 0 && control / n > 0.02;
}

export function detectEncoding(head: Uint8Array): Detected {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const utf16 = guessUtf16(head);
  if (utf16) return { encoding: utf16, bom: 0 };
  if (looksBinary(head)) {
    throw new CoreError(
      'INVALID_INPUT',
      'This file is not text: it looks like a binary file. Choose a CSV, XLSX or vCard (.vcf) file.',
    );
  }
  return { encoding: isUtf8(head) ? 'utf-8' : 'windows-1252', bom: 0 };
}

/** Decodes chunk by chunk (a character may be split between chunks). */
export function createDecoder(encoding: TextEncoding): (chunk: Uint8Array, last?: boolean) => string {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  let offset = 0;
  return (chunk, last = false) => {
    try {
      const text = decoder.decode(chunk, { stream: !last });
      offset += chunk.length;
      return text;
    } catch {
      throw new CoreError(
        'INVALID_INPUT',
        `The file stops being valid UTF-8 after about ${offset} bytes (the start looked like UTF-8). Save it again as "CSV UTF-8" and import that.`,
      );
    }
  };
}
