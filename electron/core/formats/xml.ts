// The XML that SpreadsheetML needs: escaping for writing, and for reading a streaming parser
// (saxes, strict and linear: a tag never closed is an error at the end, not a scan back over
// the file) fed the part in chunks, with limits on nesting and on the text one element holds.
// _xHHHH_ escapes (Excel's way of writing control characters) are decoded here too.
import { SaxesParser } from 'saxes';

// Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks).
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Excel's _xHHHH_ escapes (the parser has already decoded the XML entities). */
export function decodeExcelEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** The part is not well-formed XML, or goes past a limit. */
export class XmlError extends Error {}

/** No SpreadsheetML part nests deeper than about ten elements. */
const MAX_XML_DEPTH = 64;
/** The text of one element (a cell, a shared string): far more than any field of a customer record. */
export const MAX_XML_TEXT = 1_000_000;
const CHUNK = 1 << 16;

/**
 * Called after each chunk any parser here has read: a reading thread's sign of life, so that a
 * large part parsed at a steady pace is not taken for a stalled one (parse-worker.ts sets it).
 */
export const xmlProgress: { tick: (() => void) | null } = { tick: null };

type XmlHandlers = {
  /** An element opens; `name` without its namespace prefix, attribute names as written. */
  open?(name: string, attributes: Record<string, string>): void;
  /** An element closes (right after `open` for <empty/> elements). */
  close?(name: string): void;
  /** Text inside the element that is open now. */
  text?(text: string): void;
};

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
};

/**
 * Parse `bytes` (UTF-8) chunk by chunk, calling the handlers; yields after each chunk so that a
 * caller can hand over what it has collected, with the share of the part read so far.
 */
export function* parseXml(bytes: Uint8Array, handlers: XmlHandlers, what: string): Generator<number> {
  const parser = new SaxesParser({ position: false });
  let depth = 0;
  parser.on('error', (error) => {
    throw new XmlError(`${what} is damaged (${error.message}).`);
  });
  parser.on('opentag', (tag) => {
    if (++depth > MAX_XML_DEPTH) throw new XmlError(`${what} nests elements more than ${MAX_XML_DEPTH} deep: refused.`);
    handlers.open?.(localName(tag.name), tag.attributes as Record<string, string>);
  });
  parser.on('closetag', (tag) => {
    depth--;
    handlers.close?.(localName(tag.name));
  });
  const onText = handlers.text;
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  const decoder = new TextDecoder('utf-8');
  for (let at = 0; at < bytes.length; at += CHUNK) {
    parser.write(decoder.decode(bytes.subarray(at, at + CHUNK), { stream: true }));
    xmlProgress.tick?.();
    yield Math.min(1, (at + CHUNK) / bytes.length);
  }
  parser.write(decoder.decode());
  parser.close();
  yield 1;
}

/** The whole part at once, for the small parts (workbook, relationships, styles, shared strings). */
export function parseXmlWhole(bytes: Uint8Array, handlers: XmlHandlers, what: string): void {
  for (const _ of parseXml(bytes, handlers, what));
}
