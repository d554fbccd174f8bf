// Painting a decoded (pixel-interleaved) frame: every sample of a masked pixel gets the fill.
import { DicomError } from "../core/errors.js";
import type { PixelArray } from "../pixels/format.js";

/** Sets every sample of each pixel where mask is 1 to fill[sample]; returns the pixels painted. */
export function paintMasked(pixels: PixelArray, mask: Uint8Array, fill: readonly number[]): number {
  const spp = fill.length;
  if (pixels.length !== mask.length * spp) {
    throw new DicomError("ENCODE", `frame holds ${pixels.length} samples, the mask needs ${mask.length * spp}`);
  }
  let painted = 0;
  for (let p = 0; p < mask.length; p++) {
    if (!mask[p]) continue;
    painted++;
    for (let c = 0; c < spp; c++) pixels[p * spp + c] = fill[c];
  }
  return painted;
}

/** True when two sample arrays hold the same values (NaN equal to NaN). */
export function sameSamples(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  }
  return true;
}
