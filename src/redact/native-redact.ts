// Redaction of native (uncompressed) pixel data in place: only the samples inside the
// rectangles change, every other byte of Pixel Data stays as it was (PS3.5 8.1.1, 8.2).
import { DicomError } from "../core/errors.js";
import { frameBitLength, isSubsampled422, nativeSamplesPerFrame, validatePixelFormat, type PixelFormat } from "../pixels/format.js";
import { replaceNativeValue, type PixelSource } from "../pixels/image.js";
import { storedPattern } from "./fill.js";
import { rectMask } from "./rects.js";
import type { Rect } from "./types.js";

/** PS3.5 7.3: bytes swapped as a unit in big endian (OB never; OW and wider per sample), as pixels/native.ts reads them. */
function swapUnit(format: PixelFormat, littleEndian: boolean, vr: string): number {
  if (littleEndian || vr === "OB" || vr === "UN") return 1;
  return format.bitsAllocated >= 16 ? format.bitsAllocated / 8 : 2;
}

/**
 * The little endian bytes of the whole stored word of each fill sample: the value's Bits Stored
 * pattern at High Bit, every other bit 0. Clearing the bits outside Bits Stored inside the
 * rectangles removes overlay planes kept in unused high bits there (PS3.5 8.1.2, retired).
 */
function fillWords(format: PixelFormat, fill: readonly number[]): Uint8Array[] {
  const bytes = format.bitsAllocated / 8;
  return fill.map((v) => {
    const out = new Uint8Array(bytes);
    const dv = new DataView(out.buffer);
    if (format.floatingPoint) {
      if (bytes === 8) dv.setFloat64(0, v, true);
      else dv.setFloat32(0, v, true);
      return out;
    }
    const word = storedPattern(v, format.bitsStored) * 2 ** (format.highBit + 1 - format.bitsStored);
    if (bytes === 1) dv.setUint8(0, word);
    else if (bytes === 2) dv.setUint16(0, word, true);
    else dv.setUint32(0, word, true);
    return out;
  });
}

/** Where logical (little endian) byte `at` sits when units of flip + 1 bytes are swapped (at ^ flip, beyond 2^31 too). */
function physical(at: number, flip: number): number {
  return flip === 0 ? at : at + flip - 2 * (at % (flip + 1));
}

/** Index, within a frame's stored samples, of decoded sample `c` of pixel (x, p = y * columns + x). */
function storedIndexer(format: PixelFormat): (p: number, x: number, c: number) => number {
  const spp = format.samplesPerPixel;
  const pixels = format.rows * format.columns;
  if (spp === 1) return (p) => p;
  // PS3.3 C.7.6.3.1.2: 4:2:2 stores Y1 Y2 Cb Cr per pair of pixels.
  if (isSubsampled422(format.photometric)) return (p, x, c) => (p >> 1) * 4 + (c === 0 ? x & 1 : c + 1);
  if (format.planarConfiguration === 1) return (p, _x, c) => c * pixels + p;
  return (p, _x, c) => p * spp + c;
}

/**
 * Overwrites the pixels inside each frame's rectangles with the fill (one value per decoded
 * sample, as nativeFrame returns them) and stores the new value in the dataset. Rectangles must
 * already be clipped and, for YBR 4:2:2, widened to pixel pairs. Returns the pixels set per frame.
 */
export function redactNativeFrames(src: PixelSource, frames: ReadonlyMap<number, readonly Rect[]>, fill: readonly number[]): Map<number, number> {
  const format = src.format;
  validatePixelFormat(format);
  const value = src.element.value;
  if (!value) throw new DicomError("BAD_VALUE", "native pixel data has no value", { tagPath: "PixelData (7FE0,0010)" });
  if (fill.length !== format.samplesPerPixel) throw new DicomError("BAD_VALUE", 'Argument "fill" has the wrong number of samples');
  const last = Math.max(...frames.keys());
  const need = Math.ceil(((last + 1) * frameBitLength(format)) / 8);
  if (need > value.length) {
    throw new DicomError("TRUNCATED", `pixel data holds ${value.length} bytes, frame ${last} needs ${need}`, { tagPath: "PixelData (7FE0,0010)" });
  }
  const out = value.slice();
  const flip = swapUnit(format, src.transferSyntax.littleEndian, src.element.vr) - 1;
  const stored = nativeSamplesPerFrame(format);
  const index = storedIndexer(format);
  const spp = format.samplesPerPixel;
  const { columns, rows } = format;
  const words = format.bitsAllocated === 1 ? [] : fillWords(format, fill);
  const bytesPerSample = format.bitsAllocated / 8;
  const counts = new Map<number, number>();
  let cached: { rects: readonly Rect[]; mask: Uint8Array; count: number } | undefined;
  for (const [f, rects] of frames) {
    if (cached?.rects !== rects) cached = { rects, ...rectMask(rects, columns, rows) };
    const mask = cached.mask;
    for (let p = 0; p < mask.length; p++) {
      if (!mask[p]) continue;
      const x = p % columns;
      for (let c = 0; c < spp; c++) {
        const s = f * stored + index(p, x, c);
        if (format.bitsAllocated === 1) {
          // PS3.5 8.1.1: 1-bit samples are packed, the first in the least significant bit.
          const at = physical(Math.floor(s / 8), flip);
          if (fill[c] & 1) out[at] |= 1 << s % 8;
          else out[at] &= ~(1 << s % 8);
        } else {
          const base = s * bytesPerSample;
          const w = words[c];
          for (let k = 0; k < bytesPerSample; k++) out[physical(base + k, flip)] = w[k];
        }
      }
    }
    counts.set(f, cached.count);
  }
  replaceNativeValue(src, out);
  return counts;
}
