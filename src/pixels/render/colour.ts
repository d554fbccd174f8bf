/**
 * Colour samples to 8-bit RGB: RGB scaled to 8 bits, the YBR family converted (PS3.3
 * C.7.6.3.1.2), and luminance for single-channel (OCR) output.
 */
import { DicomError } from "../../core/errors.js";
import type { PixelArray } from "../format.js";

/** Photometric interpretations of three samples per pixel that `toRgb8` converts. */
export const COLOUR_PHOTOMETRICS = ["RGB", "YBR_FULL", "YBR_FULL_422", "YBR_PARTIAL_422", "YBR_PARTIAL_420", "YBR_ICT", "YBR_RCT"] as const;

function clamp8(v: number): number {
  return v >= 0 ? (v <= 255 ? Math.round(v) : 255) : 0;
}

/**
 * Interleaved three-sample pixels (as decoded: full chroma) to interleaved 8-bit RGB.
 * Samples deeper than 8 bits are scaled by 255 / (2^bitsStored - 1) after conversion.
 * YBR_FULL (and YBR_ICT, the same transform) and YBR_PARTIAL use the inverse of the
 * equations of PS3.3 C.7.6.3.1.2; YBR_RCT the inverse reversible transform (ISO 15444-1 G.2).
 */
export function toRgb8(pixels: PixelArray, count: number, photometric: string, bitsStored: number): Uint8Array {
  const out = new Uint8Array(count * 3);
  const full = 2 ** Math.min(bitsStored, 32) - 1;
  const scale = 255 / full;
  const mid = (full + 1) / 2;
  const n = count * 3;
  switch (photometric) {
    case "RGB":
      if (bitsStored === 8 && pixels instanceof Uint8Array) out.set(pixels.subarray(0, n));
      else if (bitsStored === 8) for (let i = 0; i < n; i++) out[i] = pixels[i];
      else for (let i = 0; i < n; i++) out[i] = clamp8(pixels[i] * scale);
      return out;
    case "YBR_FULL":
    case "YBR_FULL_422":
    case "YBR_ICT":
      for (let i = 0; i < n; i += 3) {
        const y = pixels[i];
        const cb = pixels[i + 1] - mid;
        const cr = pixels[i + 2] - mid;
        out[i] = clamp8((y + 1.402 * cr) * scale);
        out[i + 1] = clamp8((y - 0.344136 * cb - 0.714136 * cr) * scale);
        out[i + 2] = clamp8((y + 1.772 * cb) * scale);
      }
      return out;
    case "YBR_PARTIAL_422":
    case "YBR_PARTIAL_420": {
      // Y in 16..235, chroma in 16..240 (for 8 bits); scaled alike for deeper samples.
      const k = (full + 1) / 256;
      for (let i = 0; i < n; i += 3) {
        const y = 1.164383 * (pixels[i] - 16 * k);
        const cb = pixels[i + 1] - mid;
        const cr = pixels[i + 2] - mid;
        out[i] = clamp8((y + 1.596027 * cr) * scale);
        out[i + 1] = clamp8((y - 0.391762 * cb - 0.812968 * cr) * scale);
        out[i + 2] = clamp8((y + 2.017232 * cb) * scale);
      }
      return out;
    }
    case "YBR_RCT":
      for (let i = 0; i < n; i += 3) {
        const cb = pixels[i + 1] - mid;
        const cr = pixels[i + 2] - mid;
        const g = pixels[i] - Math.floor((cb + cr) / 4);
        out[i] = clamp8((cr + g) * scale);
        out[i + 1] = clamp8(g * scale);
        out[i + 2] = clamp8((cb + g) * scale);
      }
      return out;
    default:
      throw new DicomError("UNSUPPORTED", `rendering photometric interpretation ${photometric} is not supported`, {
        tagPath: "PhotometricInterpretation (0028,0004)",
      });
  }
}

/** ITU-R BT.601 luma of interleaved 8-bit RGB: one channel, as OCR wants it. */
/**
 * The brightest of R, G and B per pixel (HSV value): text drawn in a saturated colour (yellow,
 * green, cyan on an ultrasound screen) keeps its full brightness, where luma can bring it to
 * the grey of a coloured ground around it.
 */
export function brightestChannel(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length / 3);
  for (let i = 0, j = 0; i < out.length; i++, j += 3) {
    const r = rgb[j];
    const g = rgb[j + 1];
    const b = rgb[j + 2];
    out[i] = r > g ? (r > b ? r : b) : g > b ? g : b;
  }
  return out;
}

export function luma(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length / 3);
  for (let i = 0, j = 0; i < out.length; i++, j += 3) {
    out[i] = (rgb[j] * 299 + rgb[j + 1] * 587 + rgb[j + 2] * 114 + 500) / 1000;
  }
  return out;
}
