// The darkest entry of a PALETTE COLOR image's lookup tables (PS3.3 C.7.6.3.1.5-6, C.7.9).
import type { Dataset } from "../core/dataset.js";
import { tag } from "../core/tag.js";
import { getNumbers } from "../dataset/values.js";

const DESCRIPTOR = [tag(0x0028, 0x1101), tag(0x0028, 0x1102), tag(0x0028, 0x1103)];
const DATA = [tag(0x0028, 0x1201), tag(0x0028, 0x1202), tag(0x0028, 0x1203)];
const SEGMENTED = [tag(0x0028, 0x1221), tag(0x0028, 0x1222), tag(0x0028, 0x1223)];

/** One colour channel's table: entries, the first pixel value mapped, and the entry values. */
interface Channel {
  first: number;
  bits: number;
  values: number[];
}

/** 16-bit words of an element value in the dataset's byte order. */
function words(ds: Dataset, t: number): number[] | undefined {
  const el = ds.get(t);
  if (!el?.value || el.value.length < 2) return undefined;
  const v = new DataView(el.value.buffer, el.value.byteOffset, el.value.length);
  return Array.from({ length: el.value.length >> 1 }, (_, i) => v.getUint16(i * 2, ds.encoding.littleEndian));
}

/**
 * PS3.3 C.7.9.2: expands segmented LUT data (discrete 0, linear 1, indirect 2 segments).
 * Indirect offsets index the 16-bit words, as pydicom and GDCM read them.
 */
function expandSegmented(data: readonly number[], start = 0, maxSegments = Infinity, previous?: number, depth = 0): number[] {
  const out: number[] = [];
  let at = start;
  let segments = 0;
  const last = (): number | undefined => (out.length ? out[out.length - 1] : previous);
  while (at + 1 < data.length && segments < maxSegments) {
    const opcode = data[at];
    const length = data[at + 1];
    at += 2;
    if (opcode === 0) {
      out.push(...data.slice(at, at + length));
      at += length;
    } else if (opcode === 1) {
      const y0 = last();
      const y1 = data[at++];
      if (y0 === undefined) return out;
      for (let i = 1; i <= length; i++) out.push(Math.round(y0 + ((y1 - y0) * i) / length));
    } else if (opcode === 2 && depth < 4) {
      const offset = data[at] + data[at + 1] * 0x10000;
      at += 2;
      out.push(...expandSegmented(data, offset, length, last(), depth + 1));
    } else {
      return out;
    }
    segments++;
  }
  return out;
}

function channel(ds: Dataset, c: number): Channel | undefined {
  const d = getNumbers(ds, DESCRIPTOR[c]);
  if (d.length < 3) return undefined;
  const entries = d[0] === 0 ? 65536 : d[0];
  const bits = d[2] === 8 ? 8 : 16;
  let values: number[] | undefined;
  const raw = ds.get(DATA[c])?.value;
  if (raw && bits === 8 && raw.length === entries + (entries % 2)) {
    values = Array.from(raw.subarray(0, entries));
  } else {
    values = words(ds, DATA[c]);
    if (!values) {
      const seg = words(ds, SEGMENTED[c]);
      values = seg ? expandSegmented(seg) : undefined;
    }
  }
  if (!values || values.length === 0) return undefined;
  return { first: d[1], bits, values: values.slice(0, entries) };
}

/**
 * The stored pixel value (palette index) whose colour is darkest by Rec. 601 luma
 * (0.299 R + 0.587 G + 0.114 B, channels scaled to 0..1); ties go to the lowest value.
 * Only values that fit Bits Stored are considered; undefined when the tables cannot be read.
 */
export function darkestPaletteIndex(ds: Dataset, bitsStored: number): number | undefined {
  const channels = [0, 1, 2].map((c) => channel(ds, c));
  if (channels.some((c) => c === undefined)) return undefined;
  const [r, g, b] = channels as Channel[];
  const maxIndex = 2 ** bitsStored - 1;
  const lo = Math.max(0, Math.min(r.first, g.first, b.first));
  const hi = Math.min(maxIndex, Math.max(r.first + r.values.length, g.first + g.values.length, b.first + b.values.length) - 1);
  // PS3.3 C.7.6.3.1.5: values below the first mapped value use the first entry, above the last the last.
  const at = (ch: Channel, v: number): number => ch.values[Math.min(ch.values.length - 1, Math.max(0, v - ch.first))] / (2 ** ch.bits - 1);
  let best: number | undefined;
  let bestLuma = Infinity;
  for (let v = lo; v <= hi; v++) {
    const luma = 0.299 * at(r, v) + 0.587 * at(g, v) + 0.114 * at(b, v);
    if (luma < bestLuma) {
      bestLuma = luma;
      best = v;
    }
  }
  return best;
}
