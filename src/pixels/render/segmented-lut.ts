/**
 * Expansion of Segmented Palette Color Lookup Table Data (0028,1221-1223) into a plain table
 * (PS3.3 C.7.9.2): a sequence of discrete, linear and indirect segments.
 */
import { DicomError } from "../../core/errors.js";

const MAX_DEPTH = 8;
/** Segments read in all, across indirections: a bound on work for hostile data. */
const MAX_SEGMENTS = 1 << 20;

function bad(reason: string): never {
  throw new DicomError("BAD_VALUE", `segmented palette: ${reason}`, { tagPath: "SegmentedPaletteColorLookupTableData (0028,1221)" });
}

/**
 * Expands segmented LUT words (16-bit entries, or 8-bit entries given one per element) to at
 * most `entries` values. Opcodes: 0 discrete (length n, n values), 1 linear (length n, end
 * value; interpolates from the previous value), 2 indirect (count n, 32-bit offset low word
 * first, copies n segments starting at that entry offset) (PS3.3 C.7.9.2.1-3).
 */
export function expandSegmentedLut(words: ArrayLike<number>, entries: number): Uint16Array {
  const out: Output = { data: new Uint16Array(entries), length: 0 };
  expandInto(words, 0, Infinity, out, { segments: 0 }, 0);
  if (out.length === 0) bad("no entries");
  return out.data.slice(0, out.length);
}

/** The table being filled; writes past its end are dropped (the descriptor bounds it). */
interface Output {
  data: Uint16Array;
  length: number;
}

function push(out: Output, v: number): void {
  if (out.length < out.data.length) out.data[out.length++] = v;
}

interface Budget {
  segments: number;
}

function expandInto(words: ArrayLike<number>, start: number, maxSegments: number, out: Output, budget: Budget, depth: number): void {
  if (depth > MAX_DEPTH) bad("indirect segments nest too deep");
  const limit = out.data.length;
  let at = start;
  let segments = 0;
  // A trailing pad word is allowed: every segment is at least two words long.
  while (at + 1 < words.length && segments < maxSegments && out.length < limit) {
    if (++budget.segments > MAX_SEGMENTS) bad("too many segments");
    const opcode = words[at];
    const length = words[at + 1];
    at += 2;
    if (opcode === 0) {
      if (at + length > words.length) bad("discrete segment runs past the data");
      for (let i = 0; i < length; i++) push(out, words[at + i]);
      at += length;
    } else if (opcode === 1) {
      if (out.length === 0) bad("a linear segment cannot come first");
      if (at >= words.length) bad("linear segment has no end value");
      const y0 = out.data[out.length - 1];
      const y1 = words[at++];
      // C.7.9.2.2: the segment's n entries step from y0 (excluded) to y1 (included).
      for (let x = 1; x <= length; x++) push(out, Math.round(y0 + ((y1 - y0) * x) / length));
    } else if (opcode === 2) {
      if (out.length === 0) bad("an indirect segment cannot come first");
      if (at + 1 >= words.length) bad("indirect segment has no offset");
      const offset = words[at] + words[at + 1] * 0x10000;
      at += 2;
      if (offset >= words.length) bad("indirect segment points past the data");
      expandInto(words, offset, length, out, budget, depth + 1);
    } else {
      bad(`unknown segment type ${opcode}`);
    }
    segments++;
  }
}
