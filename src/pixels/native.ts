import { DicomError } from "../core/errors.js";
import {
  type DecodedFrame,
  type PixelArray,
  type PixelFormat,
  decodedSampleCount,
  frameBitLength,
  isSubsampled422,
  nativeSamplesPerFrame,
  validatePixelFormat,
} from "./format.js";

/** How native Pixel Data bytes are ordered: the transfer syntax's endianness and the element's VR. */
export interface NativeByteOrder {
  littleEndian: boolean;
  /**
   * VR of the pixel data element. PS3.5 7.3: OB bytes are never swapped; OW (and OF, OD, OL)
   * values are swapped word by word in big endian. Default: OB when Bits Allocated <= 8, else OW.
   */
  vr?: string;
}

/** Options for writing a frame back into native pixel data. */
export interface WriteNativeOptions extends NativeByteOrder {
  /**
   * For changed samples, keep the bits outside Bits Stored (e.g. overlay planes in the high
   * bits, PS3.5 8.1.1) instead of clearing them. Default false: a redacted pixel loses them too.
   * Unchanged samples always keep every bit.
   */
  keepOutsideBits?: boolean;
}

const HOST_LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes to reverse as a unit in big endian, or 1 for none (PS3.5 7.3, 8.1.1). */
function swapUnit(format: PixelFormat, order: NativeByteOrder): number {
  if (order.littleEndian) return 1;
  const vr = order.vr ?? (format.bitsAllocated <= 8 ? "OB" : "OW");
  if (vr === "OB" || vr === "UN") return 1;
  return format.bitsAllocated >= 16 ? format.bitsAllocated / 8 : 2;
}

/** The typed array a frame of this format decodes to. */
export function pixelArrayFor(format: PixelFormat, length: number): PixelArray {
  const signed = format.pixelRepresentation === 1;
  if (format.floatingPoint) return format.bitsAllocated === 64 ? new Float64Array(length) : new Float32Array(length);
  switch (format.bitsAllocated) {
    case 1:
      return new Uint8Array(length);
    case 8:
      return signed ? new Int8Array(length) : new Uint8Array(length);
    case 16:
      return signed ? new Int16Array(length) : new Uint16Array(length);
    case 32:
      return signed ? new Int32Array(length) : new Uint32Array(length);
    default:
      throw new DicomError("UNSUPPORTED", `BitsAllocated ${format.bitsAllocated} is not supported`);
  }
}

/** The format a native frame has once decoded: one frame, interleaved, full chroma. */
export function decodedNativeFormat(format: PixelFormat): PixelFormat {
  const photometric = isSubsampled422(format.photometric) ? format.photometric.replace("_422", "") : format.photometric;
  return { ...format, photometric, planarConfiguration: 0, numberOfFrames: 1 };
}

function checkFrame(value: Uint8Array, format: PixelFormat, index: number): void {
  validatePixelFormat(format);
  if (!Number.isInteger(index) || index < 0 || index >= format.numberOfFrames) {
    throw new DicomError("BAD_VALUE", `frame index ${index} is outside 0..${format.numberOfFrames - 1}`);
  }
  if (format.samplesPerPixel === 3 && isSubsampled422(format.photometric) && format.columns % 2 !== 0) {
    throw new DicomError("BAD_VALUE", `${format.photometric} needs an even number of columns`, { tagPath: "Columns (0028,0011)" });
  }
  const endBits = (index + 1) * frameBitLength(format);
  if (Math.ceil(endBits / 8) > value.length) {
    throw new DicomError("TRUNCATED", `pixel data holds ${value.length} bytes, frame ${index} needs ${Math.ceil(endBits / 8)}`, {
      tagPath: "PixelData (7FE0,0010)",
    });
  }
}

/** Copies the frame's bytes in little endian order (undoing big endian word swaps). */
function readLogical(value: Uint8Array, start: number, length: number, unit: number): Uint8Array {
  const out = new Uint8Array(length);
  if (unit === 1) {
    out.set(value.subarray(start, start + length));
    return out;
  }
  const flip = unit - 1;
  for (let i = 0; i < length; i++) out[i] = value[(start + i) ^ flip];
  return out;
}

function writeLogical(target: Uint8Array, start: number, bytes: Uint8Array, unit: number): void {
  if (unit === 1) {
    target.set(bytes, start);
    return;
  }
  const flip = unit - 1;
  for (let i = 0; i < bytes.length; i++) target[(start + i) ^ flip] = bytes[i];
}

/** Stored words of one frame (unsigned, storage order) from little endian bytes. */
function wordsOf(bytes: Uint8Array, bitsAllocated: number, count: number): Uint8Array | Uint16Array | Uint32Array {
  if (bitsAllocated === 8) return bytes;
  const copy = bytes.buffer.byteLength === bytes.length && bytes.byteOffset === 0 ? bytes : bytes.slice();
  const words = bitsAllocated === 16 ? new Uint16Array(copy.buffer, 0, count) : new Uint32Array(copy.buffer, 0, count);
  if (!HOST_LITTLE) swapInPlace(new Uint8Array(words.buffer, 0, count * (bitsAllocated / 8)), bitsAllocated / 8);
  return words;
}

function swapInPlace(bytes: Uint8Array, unit: number): void {
  for (let i = 0; i + unit <= bytes.length; i += unit) bytes.subarray(i, i + unit).reverse();
}

/** PS3.5 8.1.1: a stored value is Bits Stored bits ending at High Bit; signed values are two's complement. */
function extractor(format: PixelFormat): (word: number) => number {
  const bs = format.bitsStored;
  const shift = format.highBit + 1 - bs;
  const span = 2 ** bs;
  const half = span / 2;
  const signed = format.pixelRepresentation === 1;
  if (shift === 0 && bs === format.bitsAllocated) return signed ? (w) => (w >= half ? w - span : w) : (w) => w;
  const scale = 2 ** shift;
  if (signed) {
    return (word) => {
      const v = Math.floor(word / scale) % span;
      return v >= half ? v - span : v;
    };
  }
  return (word) => Math.floor(word / scale) % span;
}

/** Reorders storage-order samples (planar or 4:2:2) into interleaved full-chroma order, in place into `out`. */
function toInterleaved(stored: ArrayLike<number>, format: PixelFormat, out: PixelArray): void {
  const pixels = format.rows * format.columns;
  const spp = format.samplesPerPixel;
  if (spp > 1 && isSubsampled422(format.photometric)) {
    // PS3.3 C.7.6.3.1.2: Y1 Y2 Cb Cr for every pair of pixels.
    for (let p = 0, s = 0; p < pixels; p += 2, s += 4) {
      out[p * 3] = stored[s];
      out[p * 3 + 1] = stored[s + 2];
      out[p * 3 + 2] = stored[s + 3];
      out[p * 3 + 3] = stored[s + 1];
      out[p * 3 + 4] = stored[s + 2];
      out[p * 3 + 5] = stored[s + 3];
    }
  } else if (spp > 1 && format.planarConfiguration === 1) {
    for (let c = 0; c < spp; c++) for (let p = 0; p < pixels; p++) out[p * spp + c] = stored[c * pixels + p];
  } else {
    for (let i = 0; i < out.length; i++) out[i] = stored[i];
  }
}

/** The inverse of toInterleaved; 4:2:2 chroma of a pair becomes the rounded mean of its two pixels. */
function toStorageOrder(pixels: ArrayLike<number>, format: PixelFormat): Float64Array {
  const count = format.rows * format.columns;
  const spp = format.samplesPerPixel;
  const out = new Float64Array(nativeSamplesPerFrame(format));
  if (spp > 1 && isSubsampled422(format.photometric)) {
    for (let p = 0, s = 0; p < count; p += 2, s += 4) {
      out[s] = pixels[p * 3];
      out[s + 1] = pixels[p * 3 + 3];
      const cb0 = pixels[p * 3 + 1], cb1 = pixels[p * 3 + 4];
      const cr0 = pixels[p * 3 + 2], cr1 = pixels[p * 3 + 5];
      out[s + 2] = cb0 === cb1 ? cb0 : Math.round((cb0 + cb1) / 2);
      out[s + 3] = cr0 === cr1 ? cr0 : Math.round((cr0 + cr1) / 2);
    }
  } else if (spp > 1 && format.planarConfiguration === 1) {
    for (let c = 0; c < spp; c++) for (let p = 0; p < count; p++) out[c * count + p] = pixels[p * spp + c];
  } else {
    for (let i = 0; i < out.length; i++) out[i] = pixels[i];
  }
  return out;
}

/**
 * One frame of native (uncompressed) Pixel Data as samples in host order.
 * `value` is the whole Pixel Data value; frames follow each other without padding,
 * bit-packed when Bits Allocated is 1 (PS3.5 8.1.1, 8.2). Sample values are the stored
 * bits (masked to Bits Stored, shifted by High Bit, sign-extended when signed); planar
 * and YBR_FULL_422 data come back pixel-interleaved with full chroma.
 */
export function nativeFrame(value: Uint8Array, format: PixelFormat, index: number, order: NativeByteOrder): DecodedFrame {
  checkFrame(value, format, index);
  const outFormat = decodedNativeFormat(format);
  const storedCount = nativeSamplesPerFrame(format);
  const pixels = pixelArrayFor(format, decodedSampleCount(format));
  const unit = swapUnit(format, order);

  if (format.bitsAllocated === 1) {
    const startBit = index * storedCount;
    const bytes = readLogical(value, startBit >> 3, Math.ceil(((startBit & 7) + storedCount) / 8), unit);
    const stored = new Uint8Array(storedCount);
    for (let i = 0, b = startBit & 7; i < storedCount; i++, b++) stored[i] = (bytes[b >> 3] >> (b & 7)) & 1;
    toInterleaved(stored, format, pixels);
    return { pixels, format: outFormat };
  }

  const sampleBytes = format.bitsAllocated / 8;
  const bytes = readLogical(value, index * storedCount * sampleBytes, storedCount * sampleBytes, unit);
  if (format.floatingPoint) {
    if (!HOST_LITTLE) swapInPlace(bytes, sampleBytes);
    const stored = sampleBytes === 8 ? new Float64Array(bytes.buffer) : new Float32Array(bytes.buffer);
    toInterleaved(stored, format, pixels);
    return { pixels, format: outFormat };
  }
  const words = wordsOf(bytes, format.bitsAllocated, storedCount);
  const plain = format.bitsStored === format.bitsAllocated;
  if (plain && format.pixelRepresentation === 0) {
    toInterleaved(words, format, pixels);
  } else if (plain) {
    const signedView = words instanceof Uint8Array ? new Int8Array(words.buffer, words.byteOffset, storedCount)
      : words instanceof Uint16Array ? new Int16Array(words.buffer, words.byteOffset, storedCount)
      : new Int32Array(words.buffer, words.byteOffset, storedCount);
    toInterleaved(signedView, format, pixels);
  } else {
    const extract = extractor(format);
    const values = new Float64Array(storedCount);
    for (let i = 0; i < storedCount; i++) values[i] = extract(words[i]);
    toInterleaved(values, format, pixels);
  }
  return { pixels, format: outFormat };
}

/** Fails closed when a new sample cannot be stored in Bits Stored (no value in the message). */
function rangeCheck(format: PixelFormat, index: number): (v: number) => void {
  const bs = format.bitsStored;
  const lo = format.pixelRepresentation === 1 ? -(2 ** (bs - 1)) : 0;
  const hi = format.pixelRepresentation === 1 ? 2 ** (bs - 1) - 1 : 2 ** bs - 1;
  return (v) => {
    if (!Number.isInteger(v) || v < lo || v > hi) {
      throw new DicomError("ENCODE", `frame ${index}: a sample does not fit Bits Stored ${bs}`, { tagPath: "PixelData (7FE0,0010)" });
    }
  };
}

/**
 * Writes one frame (pixel-interleaved samples, as nativeFrame returns them) into a copy of
 * the native Pixel Data value and returns the copy. Only that frame's bytes change (only its
 * bits when Bits Allocated is 1); samples equal to the stored value keep every stored bit,
 * including bits outside Bits Stored (PS3.5 8.1.1).
 */
export function writeNativeFrame(
  value: Uint8Array,
  format: PixelFormat,
  index: number,
  pixels: ArrayLike<number>,
  options: WriteNativeOptions,
): Uint8Array {
  checkFrame(value, format, index);
  if (pixels.length !== decodedSampleCount(format)) {
    throw new DicomError("ENCODE", `frame ${index}: expected ${decodedSampleCount(format)} samples, got ${pixels.length}`);
  }
  const out = value.slice();
  const storedCount = nativeSamplesPerFrame(format);
  const unit = swapUnit(format, options);
  const next = toStorageOrder(pixels, format);

  if (format.bitsAllocated === 1) {
    const startBit = index * storedCount;
    const start = startBit >> 3;
    const bytes = readLogical(value, start, Math.ceil(((startBit & 7) + storedCount) / 8), unit);
    for (let i = 0, b = startBit & 7; i < storedCount; i++, b++) {
      const v = next[i];
      if (v !== 0 && v !== 1) throw new DicomError("ENCODE", `frame ${index}: a 1-bit sample is not 0 or 1`);
      if (v) bytes[b >> 3] |= 1 << (b & 7);
      else bytes[b >> 3] &= ~(1 << (b & 7));
    }
    writeLogical(out, start, bytes, unit);
    return out;
  }

  const sampleBytes = format.bitsAllocated / 8;
  const start = index * storedCount * sampleBytes;
  const bytes = readLogical(value, start, storedCount * sampleBytes, unit);
  const view = new DataView(bytes.buffer);
  if (format.floatingPoint) {
    for (let i = 0; i < storedCount; i++) {
      const old = sampleBytes === 8 ? view.getFloat64(i * 8, true) : view.getFloat32(i * 4, true);
      const v = sampleBytes === 8 ? next[i] : Math.fround(next[i]);
      if (Object.is(old, v) || (Number.isNaN(old) && Number.isNaN(v))) continue;
      if (sampleBytes === 8) view.setFloat64(i * 8, v, true);
      else view.setFloat32(i * 4, v, true);
    }
  } else {
    const extract = extractor(format);
    const check = rangeCheck(format, index);
    const bs = format.bitsStored;
    const shift = format.highBit + 1 - bs;
    const span = 2 ** bs;
    const read = (i: number): number =>
      sampleBytes === 1 ? bytes[i] : sampleBytes === 2 ? view.getUint16(i * 2, true) : view.getUint32(i * 4, true);
    for (let i = 0; i < storedCount; i++) {
      const oldWord = read(i);
      const v = next[i];
      if (extract(oldWord) === v) continue;
      check(v);
      const bitsValue = (v < 0 ? v + span : v) * 2 ** shift;
      // Outside bits of a changed sample: kept on request, else cleared (they may carry overlays).
      const outside = options.keepOutsideBits ? oldWord - (Math.floor(oldWord / 2 ** shift) % span) * 2 ** shift : 0;
      const word = (outside % 2 ** format.bitsAllocated) + bitsValue;
      if (sampleBytes === 1) bytes[i] = word;
      else if (sampleBytes === 2) view.setUint16(i * 2, word, true);
      else view.setUint32(i * 4, word, true);
    }
  }
  writeLogical(out, start, bytes, unit);
  return out;
}
