/**
 * The VOI transform: modality values to 8-bit display values, by a window (PS3.3 C.11.2.1.2),
 * a VOI LUT (C.11.2.1.1), or, with neither, by the image's own range.
 */
import { type LookupTable, lookup } from "./lut.js";
import type { Window } from "./display-attributes.js";

/** A map from modality value to a display value in 0..255 (not yet rounded). */
export type DisplayFunction = (x: number) => number;

/** The spread of a frame's values: extremes and the robust bounds between them. */
export interface ValueRange {
  min: number;
  max: number;
  /** Low percentile (default 0.5%). */
  lo: number;
  /** High percentile (default 99.5%). */
  hi: number;
}

/** Output levels given to the tails below `lo` and above `hi` by the robust function. */
const TAIL_LEVELS = 16;
const BINS = 4096;

/** PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT), C.11.2.1.3.1 (SIGMOID) with output 0..255. */
export function windowFunction(w: Window): DisplayFunction {
  const c = w.center;
  const width = w.width;
  switch (w.function ?? "LINEAR") {
    case "LINEAR_EXACT": {
      const lo = c - width / 2;
      const hi = c + width / 2;
      return (x) => (x <= lo ? 0 : x > hi ? 255 : ((x - c) / width + 0.5) * 255);
    }
    case "SIGMOID":
      return (x) => 255 / (1 + Math.exp((-4 * (x - c)) / width));
    default: {
      const lo = c - 0.5 - (width - 1) / 2;
      const hi = c - 0.5 + (width - 1) / 2;
      return (x) => (x <= lo ? 0 : x > hi ? 255 : ((x - (c - 0.5)) / (width - 1) + 0.5) * 255);
    }
  }
}

/** PS3.3 C.11.2.1.1: a VOI LUT, its output range 0..2^bits-1 scaled to 0..255. */
export function voiLutFunction(lut: LookupTable): DisplayFunction {
  const scale = 255 / (2 ** lut.bits - 1);
  return (x) => lookup(lut, x) * scale;
}

/** Linear from the frame's minimum (0) to its maximum (255): no value is clipped. */
export function minMaxFunction(r: ValueRange): DisplayFunction {
  const span = r.max - r.min;
  if (!(span > 0)) return () => 0;
  return (x) => ((x - r.min) / span) * 255;
}

/**
 * Piecewise linear through (min, 0), (lo, 16), (hi, 239), (max, 255): contrast goes to the
 * bulk of the values, yet the extremes (where burned-in text often sits) stay distinct.
 * Falls back to min-max when lo and hi meet.
 */
export function robustFunction(r: ValueRange): DisplayFunction {
  if (!(r.hi > r.lo)) return minMaxFunction(r);
  const xs = [r.min];
  const ys = [0];
  if (r.lo > r.min) {
    xs.push(r.lo);
    ys.push(TAIL_LEVELS);
  }
  if (r.hi < r.max) {
    xs.push(r.hi);
    ys.push(255 - TAIL_LEVELS);
  }
  xs.push(r.max);
  ys.push(255);
  return (x) => {
    if (x <= xs[0]) return 0;
    for (let k = 1; k < xs.length; k++) {
      if (x <= xs[k]) return ys[k - 1] + ((x - xs[k - 1]) / (xs[k] - xs[k - 1])) * (ys[k] - ys[k - 1]);
    }
    return 255;
  };
}

/** Options of `valueRange`. */
export interface ValueRangeOptions {
  /** Share of values left below `lo` and above `hi`. Default 0.005. */
  tail?: number;
  /** How many pixels hold each value (for a table of distinct values); default 1 each. */
  weights?: ArrayLike<number>;
}

/** Minimum, maximum and percentiles of the finite values (histogram of 4096 bins). */
export function valueRange(values: ArrayLike<number>, options: ValueRangeOptions = {}): ValueRange {
  const tail = options.tail ?? 0.005;
  const w = options.weights;
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const c = w ? w[i] : 1;
    if (c === 0 || v !== v) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    n += c;
  }
  if (n === 0 || !Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 0, lo: 0, hi: 0 };
  if (min === max) return { min, max, lo: min, hi: max };
  const counts = new Float64Array(BINS);
  const k = (BINS - 1) / (max - min);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v >= min && v <= max) counts[Math.floor((v - min) * k)] += w ? w[i] : 1;
  }
  const edge = (b: number) => min + b / k;
  const loCount = n * tail;
  const hiCount = n * (1 - tail);
  let acc = 0;
  let lo = min;
  let hi = max;
  let b = 0;
  for (; b < BINS; b++) {
    acc += counts[b];
    if (acc > loCount) {
      lo = edge(b);
      break;
    }
  }
  for (; b < BINS; b++) {
    if (acc >= hiCount) {
      hi = Math.min(max, edge(b + 1));
      break;
    }
    acc += counts[b + 1] ?? 0;
  }
  return { min, max, lo: Math.max(min, lo), hi: Math.max(lo, hi) };
}

/** Applies a display function to every value: rounds, clamps to 0..255, NaN to 0; optionally inverted. */
export function toBytes(values: ArrayLike<number>, f: DisplayFunction, invert = false): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const y = f(values[i]);
    const v = y >= 0 ? (y <= 255 ? Math.round(y) : 255) : 0;
    out[i] = invert ? 255 - v : v;
  }
  return out;
}
