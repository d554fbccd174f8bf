/**
 * PALETTE COLOR: stored values index red, green and blue lookup tables (PS3.3 C.7.6.3.1.5),
 * given as plain tables (0028,1201-1203) or segmented ones (0028,1221-1223; C.7.9.2).
 */
import type { Dataset } from "../../core/dataset.js";
import { DicomError } from "../../core/errors.js";
import { formatTag, tag } from "../../core/tag.js";
import type { PixelArray } from "../format.js";
import { type LookupTable, readLutDescriptor, readLutEntries, readWords } from "./lut.js";
import { expandSegmentedLut } from "./segmented-lut.js";

const CHANNELS = [
  { name: "Red", descriptor: tag(0x0028, 0x1101), data: tag(0x0028, 0x1201), segmented: tag(0x0028, 0x1221) },
  { name: "Green", descriptor: tag(0x0028, 0x1102), data: tag(0x0028, 0x1202), segmented: tag(0x0028, 0x1222) },
  { name: "Blue", descriptor: tag(0x0028, 0x1103), data: tag(0x0028, 0x1203), segmented: tag(0x0028, 0x1223) },
] as const;

/** The three tables of a palette, each already scaled to 8-bit output. */
export interface Palette {
  red: Uint8Array;
  green: Uint8Array;
  blue: Uint8Array;
  /** Stored value of the first entry (the same for all three tables). */
  firstMapped: number;
}

/** Reads one colour's table, plain or segmented (PS3.3 C.7.6.3.1.5, C.7.9.2). */
function readChannel(ds: Dataset, c: (typeof CHANNELS)[number], signedInput: boolean): LookupTable {
  const d = readLutDescriptor(ds, c.descriptor, { signedInput });
  if (!d) throw new DicomError("BAD_VALUE", `${c.name} Palette Color LUT Descriptor is missing`, { tagPath: formatTag(c.descriptor) });
  if (ds.get(c.data)?.value) return { firstMapped: d.firstMapped, bits: d.bits, data: readLutEntries(ds, c.data, d) };
  const words = readWords(ds, c.segmented);
  if (!words) throw new DicomError("BAD_VALUE", `${c.name} Palette Color LUT Data is missing`, { tagPath: formatTag(c.data) });
  // 8-bit segmented data holds one byte per entry, two per word (PS3.3 C.7.9.2).
  const entries = d.bits <= 8 ? bytesOfWords(words, ds.encoding.littleEndian) : words;
  return { firstMapped: d.firstMapped, bits: d.bits, data: expandSegmentedLut(entries, d.entries) };
}

function bytesOfWords(words: Uint16Array, littleEndian: boolean): Uint16Array {
  const out = new Uint16Array(words.length * 2);
  for (let i = 0; i < words.length; i++) {
    const lo = words[i] & 0xff;
    const hi = words[i] >> 8;
    out[2 * i] = littleEndian ? lo : hi;
    out[2 * i + 1] = littleEndian ? hi : lo;
  }
  return out;
}

/**
 * Scales a table to 8 bits. 16-bit entries are divided by 257 (65535 -> 255); a table
 * declared 16-bit whose entries all fit 8 bits is taken as 8-bit (a common writer error).
 */
export function to8Bit(lut: LookupTable): Uint8Array {
  let max = 0;
  for (let i = 0; i < lut.data.length; i++) if (lut.data[i] > max) max = lut.data[i];
  const wide = lut.bits > 8 && max > 255;
  const out = new Uint8Array(lut.data.length);
  for (let i = 0; i < out.length; i++) out[i] = wide ? Math.round(lut.data[i] / 257) : lut.data[i];
  return out;
}

/** Reads the palette of a PALETTE COLOR image; throws BAD_VALUE naming the missing attribute. */
export function readPalette(ds: Dataset, options: { signedInput?: boolean } = {}): Palette {
  const [r, g, b] = CHANNELS.map((c) => readChannel(ds, c, options.signedInput ?? false));
  return { red: to8Bit(r), green: to8Bit(g), blue: to8Bit(b), firstMapped: r.firstMapped };
}

/** Maps stored indices through a palette to interleaved 8-bit RGB; out-of-range indices clamp to the ends. */
export function applyPalette(pixels: PixelArray, count: number, palette: Palette): Uint8Array {
  const out = new Uint8Array(count * 3);
  const { red, green, blue, firstMapped } = palette;
  // One packed table over the indices present, so each pixel costs one lookup.
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < count; p++) {
    const v = pixels[p];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(max >= min)) return out;
  min = Math.round(min);
  max = Math.round(max);
  // Indices beyond 16 bits only clamp to the last entry: bound the table by the palette.
  if (max - min > 0x10000) {
    max = Math.min(max, firstMapped + 0x10000);
    min = Math.max(min, firstMapped - 1);
  }
  const table = new Uint32Array(Math.max(1, max - min + 1));
  for (let k = 0; k < table.length; k++) {
    const i = k + min - firstMapped;
    const r = red[i <= 0 ? 0 : i >= red.length ? red.length - 1 : i];
    const g = green[i <= 0 ? 0 : i >= green.length ? green.length - 1 : i];
    const b = blue[i <= 0 ? 0 : i >= blue.length ? blue.length - 1 : i];
    table[k] = r | (g << 8) | (b << 16);
  }
  for (let p = 0, o = 0; p < count; p++, o += 3) {
    const k = Math.round(pixels[p]) - min;
    const rgb = table[k <= 0 ? 0 : k >= table.length ? table.length - 1 : k];
    out[o] = rgb & 0xff;
    out[o + 1] = (rgb >> 8) & 0xff;
    out[o + 2] = rgb >> 16;
  }
  return out;
}
