// Huffman tables as DHT segments carry them (ITU-T T.81 B.2.4.2, Annex C), their encoder
// codes and a fast decoder. Shared by the DCT block redactor and the lossless encoder.
import { DicomError } from "../../core/errors.js";

/** A Huffman table as specified in a DHT segment: BITS (counts of codes of length 1..16) and HUFFVAL. */
export interface HuffmanSpec {
  /** counts[i] = number of codes of length i + 1 (T.81 B.2.4.2 Li). */
  readonly counts: Uint8Array;
  /** Symbol values in order of increasing code length (T.81 B.2.4.2 Vi,j). */
  readonly symbols: Uint8Array;
}

/** Table class of a DHT entry: 0 = DC (and lossless), 1 = AC (T.81 B.2.4.2 Tc). */
export type HuffmanClass = 0 | 1;

/** One table of a DHT segment with its class and destination identifier. */
export interface HuffmanTableDef {
  readonly tableClass: HuffmanClass;
  readonly id: number;
  readonly spec: HuffmanSpec;
}

/** Codes of an encoder: size 0 means the symbol has no code in the table. */
export interface HuffmanEncoder {
  readonly code: Uint16Array;
  readonly size: Uint8Array;
}

/** Number of code bits the decoder resolves with one table look-up. */
export const LOOKUP_BITS = 9;

/** Decoder tables: a direct look-up for short codes and T.81 F.2.2.3 MAXCODE/VALPTR for long ones. */
export interface HuffmanDecoder {
  /** Indexed by the next LOOKUP_BITS bits: (length << 8) | symbol, or 0 when the code is longer. */
  readonly lookup: Uint16Array;
  /** maxCode[l] = largest code of length l, -1 when none (index 1..16). */
  readonly maxCode: Int32Array;
  /** symbols index of a code of length l = code + valOffset[l]. */
  readonly valOffset: Int32Array;
  readonly symbols: Uint8Array;
}

/**
 * Code lengths and codes in symbol order (T.81 C.1 Figure C.1 HUFFSIZE, C.2 Figure C.2 HUFFCODE).
 * Throws when the counts overflow the code space, so a corrupt table never decodes.
 */
function generateCodes(spec: HuffmanSpec): { sizes: number[]; codes: number[] } {
  const sizes: number[] = [];
  const codes: number[] = [];
  let code = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < spec.counts[len - 1]; i++) {
      if (code >= 1 << len) throw new DicomError("DECODE", "Huffman table has more codes than its lengths allow");
      sizes.push(len);
      codes.push(code);
      code++;
    }
    code <<= 1;
  }
  if (codes.length !== spec.symbols.length) {
    throw new DicomError("DECODE", "Huffman table symbol count does not match its code counts");
  }
  return { sizes, codes };
}

/** Encoder codes EHUFCO/EHUFSI for a table (T.81 C.2 Figure C.3). */
export function huffmanEncoder(spec: HuffmanSpec): HuffmanEncoder {
  const { sizes, codes } = generateCodes(spec);
  const code = new Uint16Array(256);
  const size = new Uint8Array(256);
  for (let k = 0; k < codes.length; k++) {
    code[spec.symbols[k]] = codes[k];
    size[spec.symbols[k]] = sizes[k];
  }
  return { code, size };
}

/** Decoder tables for a table (T.81 F.2.2.3 Figure F.15, plus a LOOKUP_BITS-bit direct table). */
export function huffmanDecoder(spec: HuffmanSpec): HuffmanDecoder {
  const { sizes, codes } = generateCodes(spec);
  const lookup = new Uint16Array(1 << LOOKUP_BITS);
  const maxCode = new Int32Array(18).fill(-1);
  const valOffset = new Int32Array(18);
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    const n = spec.counts[len - 1];
    if (n === 0) continue;
    valOffset[len] = k - codes[k];
    maxCode[len] = codes[k + n - 1];
    k += n;
  }
  maxCode[17] = 0x7fffffff; // sentinel, never reached for a valid code
  for (let i = 0; i < codes.length; i++) {
    const len = sizes[i];
    if (len > LOOKUP_BITS) break;
    const shift = LOOKUP_BITS - len;
    const first = codes[i] << shift;
    const entry = (len << 8) | spec.symbols[i];
    for (let j = 0; j < 1 << shift; j++) lookup[first + j] = entry;
  }
  return { lookup, maxCode, valOffset, symbols: spec.symbols };
}

/** Parses the tables of one DHT segment body (T.81 B.2.4.2), without the marker and length. */
export function parseDht(body: Uint8Array, offset: number): HuffmanTableDef[] {
  const out: HuffmanTableDef[] = [];
  let p = 0;
  while (p < body.length) {
    if (p + 17 > body.length) throw new DicomError("DECODE", "DHT segment truncated", { offset: offset + p });
    const tableClass = body[p] >> 4;
    const id = body[p] & 15;
    if (tableClass > 1 || id > 3) {
      throw new DicomError("DECODE", `DHT has invalid class ${tableClass} or id ${id}`, { offset: offset + p });
    }
    const counts = body.slice(p + 1, p + 17);
    const total = counts.reduce((a, b) => a + b, 0);
    if (total > 256 || p + 17 + total > body.length) {
      throw new DicomError("DECODE", "DHT segment truncated or with over 256 codes", { offset: offset + p });
    }
    const symbols = body.slice(p + 17, p + 17 + total);
    const spec = { counts, symbols };
    generateCodes(spec);
    out.push({ tableClass: tableClass as HuffmanClass, id, spec });
    p += 17 + total;
  }
  return out;
}

/** A complete DHT marker segment (FF C4, length, tables) for the given tables (T.81 B.2.4.2). */
export function dhtSegment(tables: readonly HuffmanTableDef[]): Uint8Array {
  const length = 2 + tables.reduce((n, t) => n + 17 + t.spec.symbols.length, 0);
  if (length > 0xffff) throw new DicomError("ENCODE", "DHT segment too long");
  const out = new Uint8Array(2 + length);
  out[0] = 0xff;
  out[1] = 0xc4;
  out[2] = length >> 8;
  out[3] = length & 0xff;
  let p = 4;
  for (const t of tables) {
    out[p++] = (t.tableClass << 4) | t.id;
    out.set(t.spec.counts, p);
    out.set(t.spec.symbols, p + 16);
    p += 16 + t.spec.symbols.length;
  }
  return out;
}

/** True when every symbol with a non-zero count has a code in the table. */
export function coversSymbols(encoder: HuffmanEncoder, frequencies: Uint32Array): boolean {
  for (let s = 0; s < 256; s++) if (frequencies[s] !== 0 && encoder.size[s] === 0) return false;
  return true;
}
