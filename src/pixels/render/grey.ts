/**
 * The grayscale pipeline of one-sample frames: modality transform, VOI transform and
 * inversion to 8 bits (PS3.3 C.11). Integer frames go through one table per distinct
 * stored value, so each pixel costs a single lookup.
 */
import type { PixelArray } from "../format.js";
import type { FrameDisplay, Window } from "./display-attributes.js";
import { modalityValues } from "./modality.js";
import { type DisplayFunction, type ValueRange, minMaxFunction, robustFunction, toBytes, valueRange, voiLutFunction, windowFunction } from "./voi.js";

/**
 * How grayscale values map to 8 bits: "auto" uses the header's window, else its VOI LUT,
 * else (or when that does not fit the frame's values) "robust"; "robust" stretches the
 * 0.5-99.5 percentiles but keeps the extremes distinct; "minmax" is linear from the
 * frame's minimum to its maximum; or an explicit window.
 */
export type VoiChoice = "auto" | "robust" | "minmax" | Window;

/**
 * Output levels a header window or VOI LUT must spread the frame's values over to be used:
 * one that squeezes them into less than a third of 0..255 does not fit this frame (e.g. a
 * window kept from before the pixels were rescaled), and text would lose contrast.
 */
const MIN_HEADER_SPAN = 85;
/** Largest stored-value span rendered through a table (entries). */
const MAX_TABLE = 1 << 20;

/** Picks the display function; a header window or LUT that does not fit the frame falls back to robust. */
export function displayFunction(range: ValueRange, display: FrameDisplay, voi: VoiChoice): DisplayFunction {
  if (typeof voi === "object") return windowFunction(voi);
  if (voi === "minmax") return minMaxFunction(range);
  if (voi === "auto") {
    const header = display.window ? windowFunction(display.window) : display.voiLut ? voiLutFunction(display.voiLut) : undefined;
    if (header && Math.abs(header(range.max) - header(range.min)) >= MIN_HEADER_SPAN) return header;
  }
  return robustFunction(range);
}

/** Options of `greyBytes`. */
export interface GreyOptions {
  display: FrameDisplay;
  voi: VoiChoice;
  /** Show the minimum as white (MONOCHROME1, or Presentation LUT Shape INVERSE). */
  invert: boolean;
  /** Samples are integers (not Float or Double Float Pixel Data): allows the table path. */
  integer: boolean;
}

/** Renders `count` one-sample pixels to 8-bit grey. */
export function greyBytes(pixels: PixelArray, count: number, options: GreyOptions): Uint8Array {
  const { display, voi, invert } = options;
  if (options.integer) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < count; i++) {
      const v = pixels[i];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const span = max - min + 1;
    if (span <= MAX_TABLE) {
      const counts = new Uint32Array(span);
      for (let i = 0; i < count; i++) counts[pixels[i] - min]++;
      const stored = new Float64Array(span);
      for (let i = 0; i < span; i++) stored[i] = min + i;
      const values = modalityValues(stored, span, display);
      const table = toBytes(values, displayFunction(valueRange(values, { weights: counts }), display, voi), invert);
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) out[i] = table[pixels[i] - min];
      return out;
    }
  }
  const values = modalityValues(pixels, count, display);
  return toBytes(values, displayFunction(valueRange(values), display, voi), invert);
}
