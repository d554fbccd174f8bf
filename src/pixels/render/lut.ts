/**
 * Lookup tables as the standard stores them: a three-value descriptor (entries, first
 * value mapped, bits per entry) and the table data (PS3.3 C.11.1.1, C.11.2.1.2, C.7.6.3.1.5).
 */
import type { Dataset } from "../../core/dataset.js";
import { DicomError } from "../../core/errors.js";
import { formatTag, type Tag } from "../../core/tag.js";

/** A decoded lookup table: input `firstMapped + i` maps to `data[i]`; `bits` is the output depth. */
export interface LookupTable {
  firstMapped: number;
  bits: number;
  data: Uint16Array;
}

/** The three values of a LUT Descriptor as the standard means them. */
export interface LutDescriptor {
  /** Number of entries; a stored 0 means 65536 (PS3.3 C.11.1.1). */
  entries: number;
  /** Stored pixel value mapped to the first entry. */
  firstMapped: number;
  /** Bits per entry (8 to 16). */
  bits: number;
}

/** Options of `readLutDescriptor`. */
export interface DescriptorOptions {
  /** The table's input may be negative: a US first value >= 32768 is then read as two's complement. */
  signedInput?: boolean;
}

/**
 * Reads a LUT Descriptor (US or SS, three 16-bit values) from raw bytes in the dataset's
 * byte order, so implicit VR files read the same as explicit ones.
 */
export function readLutDescriptor(ds: Dataset, t: Tag, options: DescriptorOptions = {}): LutDescriptor | undefined {
  const el = ds.get(t);
  if (!el?.value || el.value.length < 6) return undefined;
  const v = new DataView(el.value.buffer, el.value.byteOffset, el.value.byteLength);
  const le = ds.encoding.littleEndian;
  const entries = v.getUint16(0, le);
  let firstMapped = v.getUint16(2, le);
  // PS3.3 C.11.1.1: the first value mapped is SS when the input is signed.
  if (firstMapped >= 0x8000 && (el.vr === "SS" || options.signedInput)) firstMapped -= 0x10000;
  const bits = v.getUint16(4, le);
  return { entries: entries === 0 ? 0x10000 : entries, firstMapped, bits };
}

/**
 * The entries of LUT Data for a descriptor. 16-bit entries are words; 8-bit entries are
 * either one per 16-bit word (common) or packed two per word (PS3.3 C.7.6.3.1.6 for palettes).
 */
export function readLutEntries(ds: Dataset, t: Tag, descriptor: LutDescriptor): Uint16Array {
  const el = ds.get(t);
  if (!el?.value || el.value.length === 0) {
    throw new DicomError("BAD_VALUE", `${formatTag(t)} LUT data is missing or empty`, { tagPath: formatTag(t) });
  }
  const bytes = el.value;
  const le = ds.encoding.littleEndian;
  const n = descriptor.entries;
  if (descriptor.bits <= 8 && bytes.length < 2 * n) {
    // Packed 8-bit entries; OW in big endian swaps each pair of bytes (PS3.5 7.3).
    const count = Math.min(n, bytes.length);
    const out = new Uint16Array(count);
    const flip = le || el.vr === "OB" ? 0 : 1;
    for (let i = 0; i < count; i++) out[i] = bytes[(i ^ flip) < bytes.length ? i ^ flip : i];
    return out;
  }
  const count = Math.min(n, bytes.length >> 1);
  const out = new Uint16Array(count);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) out[i] = v.getUint16(i * 2, le);
  return out;
}

/** Every 16-bit word of a value (for segmented LUT data), in the dataset's byte order. */
export function readWords(ds: Dataset, t: Tag): Uint16Array | undefined {
  const el = ds.get(t);
  if (!el?.value) return undefined;
  const v = new DataView(el.value.buffer, el.value.byteOffset, el.value.byteLength);
  const le = ds.encoding.littleEndian;
  const out = new Uint16Array(el.value.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = v.getUint16(i * 2, le);
  return out;
}

/**
 * The output depth a table really has: the descriptor's bits, raised when entries exceed
 * them (some writers declare 8 bits for 16-bit data; PS3.3 C.11.2.1.2 allows 8 to 16).
 */
export function effectiveBits(declared: number, data: Uint16Array): number {
  let max = 0;
  for (let i = 0; i < data.length; i++) if (data[i] > max) max = data[i];
  let bits = declared >= 1 && declared <= 16 ? declared : 16;
  while (bits < 16 && max > 2 ** bits - 1) bits++;
  return bits;
}

/**
 * Reads a LUT item (descriptor 0028,3002 and data 0028,3006), as in the Modality and VOI LUT
 * Sequences (PS3.3 C.11.1, C.11.2); undefined when the item lacks either.
 */
export function readLutItem(item: Dataset, options: DescriptorOptions = {}): LookupTable | undefined {
  const descriptorTag = 0x00283002;
  const dataTag = 0x00283006;
  const d = readLutDescriptor(item, descriptorTag, options);
  if (!d || !item.get(dataTag)?.value) return undefined;
  const data = readLutEntries(item, dataTag, d);
  return { firstMapped: d.firstMapped, bits: effectiveBits(d.bits, data), data };
}

/** PS3.3 C.11.1.1: inputs below the first value map to the first entry, above the last to the last. */
export function lookup(lut: LookupTable, x: number): number {
  const i = Math.round(x) - lut.firstMapped;
  const n = lut.data.length;
  return lut.data[i <= 0 ? 0 : i >= n ? n - 1 : i];
}
