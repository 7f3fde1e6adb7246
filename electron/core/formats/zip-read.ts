// A small ZIP reader for XLSX files: the central directory, stored and deflated entries, nothing
// else (no ZIP64, no encryption; an XLSX never needs them). Zip bombs are refused before and while
// inflating: a limit on the entries, on the total declared size, on each entry's compression
// ratio, and inflation stops at the declared size so a lying header cannot run away.
import zlib from 'node:zlib';

export type ZipLimits = {
  /** The most bytes all entries may expand to together. */
  maxTotalBytes: number;
  /** The largest uncompressed/compressed ratio allowed for an entry bigger than 1 MiB. */
  maxRatio: number;
  maxEntries: number;
};

const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxRatio: 200, maxEntries: 2000 };

/** The archive is damaged, not a ZIP, or would expand beyond the limits. */
export class ZipError extends Error {}

type Entry = { name: string; method: number; compressedSize: number; size: number; localOffset: number };

export type ZipArchive = { names: string[]; read(name: string): Buffer | undefined };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfDirectory(zip: Buffer): number {
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  for (let i = zip.length - 22; i >= stop; i--) if (zip.readUInt32LE(i) === EOCD) return i;
  throw new ZipError('This is not a readable XLSX file (its ZIP directory is missing: the file may be cut short).');
}

function readDirectory(zip: Buffer, limits: ZipLimits): Entry[] {
  const end = findEndOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count > limits.maxEntries)
    throw new ZipError(`The XLSX file holds ${count} parts, more than any spreadsheet needs.`);
  const entries: Entry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) throw new ZipError('The XLSX file is damaged.');
    const nameLength = zip.readUInt16LE(at + 28);
    const entry: Entry = {
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw new ZipError('The XLSX file is too large to import (over 4 GB).');
    }
    total += entry.size;
    if (total > limits.maxTotalBytes) {
      throw new ZipError(
        `The XLSX file would expand to more than ${Math.round(limits.maxTotalBytes / 1048576)} MB: refused (it may be a "zip bomb"). Save the sheet as CSV instead.`,
      );
    }
    if (entry.size > 1048576 && entry.size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
      throw new ZipError(
        `A part of the XLSX file (${entry.name}) is compressed more than ${limits.maxRatio} to 1: refused (it may be a "zip bomb").`,
      );
    }
    entries.push(entry);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function inflate(zip: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) throw new ZipError('The XLSX file is damaged.');
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8)
    throw new ZipError(`The XLSX file uses a compression this reader does not know (${entry.method}).`);
  try {
    // Never more than the directory declared (already within the limits): a lying header stops here.
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ZipError(`A part of the XLSX file (${entry.name}) expands beyond its declared size: refused.`);
    }
    throw new ZipError(`A part of the XLSX file (${entry.name}) is damaged and cannot be read.`);
  }
}

export function openZip(zip: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipArchive {
  const entries = new Map(readDirectory(zip, limits).map((e) => [e.name, e]));
  return {
    names: [...entries.keys()],
    read(name) {
      const entry = entries.get(name);
      return entry && inflate(zip, entry);
    },
  };
}
