/** The modality transform: stored values to modality values (PS3.3 C.11.1). */
import type { PixelArray } from "../format.js";
import { type LookupTable, lookup } from "./lut.js";

/** What the modality transform needs: a Modality LUT, or Rescale Slope and Intercept. */
export interface ModalityTransform {
  modalityLut?: LookupTable;
  slope: number;
  intercept: number;
}

/**
 * PS3.3 C.11.1: applies the Modality LUT when present, else `slope * stored + intercept`.
 * Non-finite float samples stay NaN so later steps can ignore them.
 */
export function modalityValues(pixels: PixelArray, count: number, transform: ModalityTransform): Float32Array {
  const out = new Float32Array(count);
  const { modalityLut: lut, slope, intercept } = transform;
  if (lut) {
    for (let i = 0; i < count; i++) {
      const v = pixels[i];
      out[i] = Number.isFinite(v) ? lookup(lut, v) : NaN;
    }
  } else if (slope === 1 && intercept === 0) {
    out.set(pixels.length === count ? pixels : pixels.subarray(0, count));
  } else {
    for (let i = 0; i < count; i++) out[i] = pixels[i] * slope + intercept;
  }
  return out;
}
