import { DicomError } from "../../core/errors.js";

/** A Huffman table in the form T.81 F.2.2.3 decodes with: per code length, the largest code and where its values start. */
export interface HuffmanTable {
  maxCode: Int32Array;
  valPtr: Int32Array;
  minCode: Int32Array;
  values: Uint8Array;
}

/** Builds a decoding table from the 16 code-length counts and the values of a DHT segment (T.81 C.2, F.2.2.3). */
export function buildHuffmanTable(counts: Uint8Array, values: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(18).fill(-1);
  const valPtr = new Int32Array(17);
  const minCode = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1];
    if (n > 0) {
      valPtr[length] = k;
      minCode[length] = code;
      code += n;
      k += n;
      maxCode[length] = code - 1;
    }
    code <<= 1;
  }
  if (k > values.length) throw new DicomError("DECODE", "JPEG Huffman table has more codes than values");
  maxCode[17] = 0x7fffffff; // sentinel: stops the search at 16 bits
  return { maxCode, valPtr, minCode, values };
}

/**
 * Reads entropy-coded bits (T.81 F.2.2.5): 0xFF00 is a stuffed 0xFF; at any other marker the
 * reader stops and supplies zero bits, as libjpeg does with a truncated or padded scan.
 */
export class BitReader {
  private bits = 0;
  private count = 0;
  /** Set when a marker was reached; the byte after 0xFF. */
  marker = -1;
  pos: number;

  constructor(private readonly data: Uint8Array, start: number) {
    this.pos = start;
  }

  private fill(): void {
    while (this.count <= 24) {
      let byte = 0;
      if (this.marker < 0 && this.pos < this.data.length) {
        byte = this.data[this.pos];
        if (byte === 0xff) {
          const next = this.data[this.pos + 1];
          if (next === 0x00) this.pos += 2;
          else {
            this.marker = next ?? 0;
            byte = 0;
          }
        } else this.pos++;
      }
      this.bits = ((this.bits << 8) | byte) >>> 0;
      this.count += 8;
    }
  }

  /** Reads one bit. */
  bit(): number {
    if (this.count === 0) this.fill();
    this.count--;
    return (this.bits >>> this.count) & 1;
  }

  /** Reads n bits (n <= 16) as an unsigned number. */
  read(n: number): number {
    if (n === 0) return 0;
    if (this.count < n) this.fill();
    this.count -= n;
    return (this.bits >>> this.count) & ((1 << n) - 1);
  }

  /** T.81 F.2.2.1 EXTEND: reads an s-bit magnitude and makes it signed. */
  receiveExtend(s: number): number {
    if (s === 0) return 0;
    const v = this.read(s);
    return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
  }

  /** T.81 F.2.2.3 DECODE: one Huffman-coded value. */
  decode(table: HuffmanTable): number {
    let code = this.bit();
    let length = 1;
    while (code > table.maxCode[length]) {
      code = (code << 1) | this.bit();
      length++;
      if (length > 16) throw new DicomError("DECODE", "JPEG entropy data has an invalid Huffman code");
    }
    return table.values[table.valPtr[length] + code - table.minCode[length]];
  }

  /** Drops buffered bits and moves past the restart marker that ends an interval (T.81 F.2.2.5 RST). */
  restart(): void {
    this.bits = 0;
    this.count = 0;
    if (this.marker < 0) {
      // Skip fill bytes up to the marker.
      while (this.pos + 1 < this.data.length && !(this.data[this.pos] === 0xff && this.data[this.pos + 1] !== 0x00)) this.pos++;
      while (this.pos + 1 < this.data.length && this.data[this.pos] === 0xff && this.data[this.pos + 1] === 0xff) this.pos++;
      this.marker = this.data[this.pos + 1] ?? -1;
    }
    if (this.marker >= 0xd0 && this.marker <= 0xd7) this.pos += 2;
    this.marker = -1;
  }

  /** Position of the next marker after the scan's entropy-coded data. */
  endOfScan(): number {
    let at = this.pos;
    while (at + 1 < this.data.length) {
      if (this.data[at] === 0xff && this.data[at + 1] !== 0x00 && !(this.data[at + 1] >= 0xd0 && this.data[at + 1] <= 0xd7)) {
        if (this.data[at + 1] !== 0xff) return at;
      }
      at++;
    }
    return this.data.length;
  }
}

/** T.81 Figure A.6: zig-zag position k -> natural (row-major) index in the 8x8 block. */
export const ZIGZAG = Uint8Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
  28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
  54, 47, 55, 62, 63,
]);
