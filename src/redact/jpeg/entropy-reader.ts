// Bit reader for Huffman entropy-coded segments (ITU-T T.81 F.2.2.5): removes stuffed zero
// bytes, stops at markers, and decodes Huffman symbols.
import { DicomError } from "../../core/errors.js";
import { LOOKUP_BITS, type HuffmanDecoder } from "./huffman-table.js";
import { isRestart } from "./markers.js";

const LOOKUP_MASK = (1 << LOOKUP_BITS) - 1;

/** Reads bits MSB-first from entropy-coded data; past a marker it supplies zero bits and counts them. */
export class EntropyReader {
  private readonly data: Uint8Array;
  private readonly end: number;
  private pos: number;
  private acc = 0;
  private bits = 0;
  /** Zero bits supplied after a marker or the end of the data. */
  private phantomBits = 0;

  constructor(data: Uint8Array, start: number, end: number) {
    this.data = data;
    this.pos = start;
    this.end = end;
  }

  /** Current byte position (the next byte not yet buffered). */
  get position(): number {
    return this.pos;
  }

  // T.81 F.2.2.5 (NEXTBYTE): 0xFF 0x00 is a data 0xFF; 0xFF with anything else is a marker.
  private fill(): void {
    while (this.bits <= 24) {
      let byte = 0;
      const p = this.pos;
      if (p < this.end) {
        byte = this.data[p];
        if (byte === 0xff) {
          if (p + 1 < this.end && this.data[p + 1] === 0) this.pos = p + 2;
          else {
            byte = 0;
            this.phantomBits += 8;
          }
        } else this.pos = p + 1;
      } else this.phantomBits += 8;
      this.acc = (this.acc << 8) | byte;
      this.bits += 8;
    }
  }

  /** Next Huffman-coded symbol (T.81 F.2.2.3 DECODE). */
  decode(table: HuffmanDecoder): number {
    if (this.bits < 16) this.fill();
    const entry = table.lookup[(this.acc >>> (this.bits - LOOKUP_BITS)) & LOOKUP_MASK];
    if (entry !== 0) {
      this.bits -= entry >> 8;
      return entry & 0xff;
    }
    const code16 = (this.acc >>> (this.bits - 16)) & 0xffff;
    for (let len = LOOKUP_BITS + 1; len <= 16; len++) {
      const code = code16 >>> (16 - len);
      if (code <= table.maxCode[len]) {
        this.bits -= len;
        return table.symbols[code + table.valOffset[len]];
      }
    }
    throw new DicomError("DECODE", "invalid Huffman code in entropy-coded data", { offset: this.pos });
  }

  /** Next n raw bits (0..16) as an unsigned number (T.81 F.2.2.4 RECEIVE). */
  receive(n: number): number {
    if (n === 0) return 0;
    if (this.bits < n) this.fill();
    this.bits -= n;
    return (this.acc >>> this.bits) & ((1 << n) - 1);
  }

  /** Next n bits as a signed value of magnitude category n (T.81 F.2.2.1 EXTEND of RECEIVE). */
  receiveExtend(n: number): number {
    if (n === 0) return 0;
    const v = this.receive(n);
    return v < 1 << (n - 1) ? v - (1 << n) + 1 : v;
  }

  /** Throws when decoding consumed bits past a marker or the end of the data. */
  checkNotOverrun(): void {
    if (this.bits < this.phantomBits) {
      throw new DicomError("DECODE", "entropy-coded data ended before every block was decoded", {
        offset: this.pos,
      });
    }
  }

  /**
   * Ends a restart interval (T.81 F.2.2.5): drops buffered bits, expects RSTm with m = expected
   * mod 8 (after optional 0xFF fill bytes), and resumes after it.
   */
  restart(expected: number): void {
    this.checkNotOverrun();
    this.acc = 0;
    this.bits = 0;
    this.phantomBits = 0;
    let p = this.pos;
    while (p < this.end && this.data[p] !== 0xff) p++; // padding bits already consumed
    while (p + 1 < this.end && this.data[p] === 0xff && this.data[p + 1] === 0xff) p++;
    const marker = p + 1 < this.end && this.data[p] === 0xff ? this.data[p + 1] : -1;
    if (!isRestart(marker) || (marker & 7) !== (expected & 7)) {
      throw new DicomError("DECODE", `expected restart marker RST${expected & 7}`, { offset: p });
    }
    this.pos = p + 2;
  }
}
