// Display-only correction for JPEG 2000 streams whose sign disagrees with Pixel Representation.
import type { DicomFile } from "../../io/read/read-file.js";
import type { PixelArray } from "../format.js";
import { encodedFrame, openPixels } from "../image.js";
import { j2kCodestream, readJ2kHeader } from "../codecs/j2k-stream.js";

const J2K = new Set(["1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93",
  "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203"]);

/**
 * True when a frame's JPEG 2000 codestream says its samples are signed although Pixel
 * Representation says unsigned (some writers get it wrong; decoding follows the header, as
 * GDCM does, so the samples come back wrapped). Rendering then reads them as signed, which is
 * what the image shows; nothing written back changes.
 */
export function j2kSignedDespiteHeader(file: DicomFile, frameIndex = 0): boolean {
  if (!file.transferSyntax || !J2K.has(file.transferSyntax.uid)) return false;
  // One answer per file and frame: rendering every frame must not re-map the fragments each time.
  let perFrame = signCache.get(file);
  if (!perFrame) signCache.set(file, (perFrame = new Map()));
  let signed = perFrame.get(frameIndex);
  if (signed === undefined) {
    try {
      signed = readJ2kHeader(j2kCodestream(encodedFrame(openPixels(file), frameIndex))).signed;
    } catch {
      signed = false;
    }
    perFrame.set(frameIndex, signed);
  }
  return signed;
}

const signCache = new WeakMap<DicomFile, Map<number, boolean>>();

/** Two's-complement view of unsigned samples at `bits` bits (display only). */
export function asSigned(pixels: PixelArray, bits: number): Int32Array {
  const out = new Int32Array(pixels.length);
  const half = 2 ** (bits - 1);
  const full = 2 ** bits;
  for (let i = 0; i < pixels.length; i++) {
    const v = Number(pixels[i]);
    out[i] = v >= half ? v - full : v;
  }
  return out;
}
