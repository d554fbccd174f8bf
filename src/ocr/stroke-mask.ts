/**
 * Stroke masks: which pixels may belong to burned-in glyphs of one polarity.
 *
 * Burned-in text is drawn in one flat grey level with antialiased edges: most often the frame's
 * own extreme (its brightest value for light text, its darkest for dark text), otherwise a level
 * that shows as a spike in the histogram of stroke pixels (annotation colours of ultrasound
 * screens; texture has no such spike). These are the ink levels. A stroke pixel is thinner than
 * `strokeKernel` and stands out from its surroundings by `minContrast` (top-hat response). Three
 * masks per polarity: strokes at an ink level ("exact", grown by one pixel into "level"), strokes
 * near one ("level": separates glyphs from touching texture of other grey levels), and all
 * strokes ("any": keeps small antialiased glyphs whose cores never reach the level). Solid areas
 * at least `thickKernel` wide (bars, saturated anatomy) are removed so that glyphs touching them
 * stay apart.
 */
import { blackTopHat, whiteTopHat } from "./morphology.js";
import { simdFilters } from "./simd-morphology.js";
import type { GreyImage } from "./raster.js";

/** Light glyphs on darker ground ("bright") or the reverse ("dark"). */
export type StrokePolarity = "bright" | "dark";

/** Options of `strokeMasks`. */
export interface StrokeMaskOptions {
  /** Square top-hat window; strokes must be thinner than this. Default 9. */
  strokeKernel?: number;
  /** Smallest top-hat response (grey levels) of a stroke pixel. Default 40. */
  minContrast?: number;
  /** "level" mask: grey value within this many levels of the extreme (half as many of another ink level). Default 64. */
  levelTolerance?: number;
  /** "exact" mask: grey value within this many levels of an ink level. Default 12. */
  exactTolerance?: number;
  /** Most ink levels besides the extreme (histogram spikes of stroke pixels). Default 3. */
  maxSpikes?: number;
  /** Stroke pixels inside a solid square this wide are dropped; 0 keeps them. Default 5. */
  thickKernel?: number;
  /** The text level: the extreme grey value of this polarity; default the image's own max / min. */
  extreme?: number;
}

/** The stroke masks of one polarity (1 = stroke) and the ink levels they refer to. */
export interface StrokeMasks {
  polarity: StrokePolarity;
  extreme: number;
  /** Ink levels: the extreme first, then histogram spikes. */
  levels: number[];
  /** Distance of each grey value (index) to the nearest ink level. */
  levelDistance: Uint8Array;
  /** Strokes at the extreme level (within `exactTolerance`). */
  exact: Uint8Array;
  /** Strokes near the extreme level. */
  level: Uint8Array;
  /** All strokes. */
  any: Uint8Array;
  /** All strokes, thick parts kept (for growing line boxes to their full extent). */
  raw: Uint8Array;
}

/** The image's brightest ("bright") or darkest ("dark") grey value. */
export function extremeLevel(image: GreyImage, polarity: StrokePolarity): number {
  const data = image.data;
  let lo = 255;
  let hi = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return polarity === "bright" ? hi : lo;
}

/**
 * Grey values that stroke pixels pile up on: local maxima (within 2 levels) of the histogram of
 * strong stroke pixels that hold at least 16 pixels and 3 times the median count of the 17
 * values around them. Antialiased text drawn in a flat colour makes such a spike at its colour;
 * texture spreads over many values. At most `max`, the largest first.
 */
export function inkSpikes(values: Uint8Array, response: Uint8Array, minResponse: number, max: number): number[] {
  const hist = new Uint32Array(256);
  for (let i = 0; i < values.length; i++) if (response[i] >= minResponse) hist[values[i]]++;
  const spikes: [number, number][] = [];
  for (let g = 0; g < 256; g++) {
    const n = hist[g];
    if (n < 16) continue;
    let peak = true;
    for (let d = -2; d <= 2 && peak; d++) if (d !== 0 && g + d >= 0 && g + d < 256 && hist[g + d] > n) peak = false;
    if (!peak) continue;
    const around: number[] = [];
    for (let d = -8; d <= 8; d++) if (d !== 0 && g + d >= 0 && g + d < 256) around.push(hist[g + d]);
    around.sort((a, b) => a - b);
    if (n >= 3 * Math.max(1, around[around.length >> 1])) spikes.push([g, n]);
  }
  return spikes.sort((a, b) => b[1] - a[1]).slice(0, max).map(([g]) => g);
}

/**
 * Summed-area table of a 0/1 mask, (width + 1) x (height + 1); written into `into` (at least that
 * long, any contents) when given.
 */
export function integralMask(mask: Uint8Array, width: number, height: number, into?: Int32Array): Int32Array {
  const W = width + 1;
  const s = into ?? new Int32Array(W * (height + 1));
  s.fill(0, 0, W);
  for (let y = 0; y < height; y++) {
    let row = 0;
    const o = (y + 1) * W;
    s[o] = 0;
    for (let x = 0; x < width; x++) {
      row += mask[y * width + x];
      s[o + x + 1] = s[o - W + x + 1] + row;
    }
  }
  return s;
}

/**
 * Clears mask pixels that lie inside a solid k x k square of the mask (a binary opening, with
 * run lengths: the square with top-left (x, y) is solid when k consecutive rows each hold a run
 * of k ones from x; a pixel is thick when such a square's top-left is at most k - 1 up and left).
 */
export function dropThick(mask: Uint8Array, width: number, height: number, k: number): Uint8Array {
  if (k <= 1 || width < k || height < k) return mask;
  return (k % 2 === 1 ? thickBySimd(mask, width, height, k) : undefined) ?? thickByRuns(mask, width, height, k);
}

/**
 * `dropThick` as an opening: the solid squares are where a k x k minimum (outside the image read
 * as empty) is set, and their union is where a k x k maximum of those is set. Undefined where the
 * SIMD path cannot take the image.
 */
function thickBySimd(mask: Uint8Array, width: number, height: number, k: number): Uint8Array | undefined {
  return simdFilters(mask, width, height, k, [{ max: false, outside: 0 }, { max: true }], (thick) => {
    let any = false;
    for (let i = 0; i < thick.length && !any; i++) any = thick[i] !== 0;
    if (!any) return mask;
    const out = new Uint8Array(mask.length);
    for (let i = 0; i < out.length; i++) out[i] = mask[i] !== 0 && thick[i] === 0 ? 1 : 0;
    return out;
  });
}

/** `dropThick` with run lengths (any k). */
function thickByRuns(mask: Uint8Array, width: number, height: number, k: number): Uint8Array {
  // Rows of "a run of k ones starts here", folded straight into counts of such rows per column.
  const down = new Int32Array(width);
  const solid = new Uint8Array(mask.length);
  let any = false;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let run = 0;
    for (let x = 0; x < width; x++) {
      run = mask[row + x] !== 0 ? run + 1 : 0;
      if (x >= k - 1) {
        const start = x - k + 1;
        if (run >= k) {
          down[start]++;
          if (down[start] >= k) {
            solid[(y - k + 1) * width + start] = 1;
            any = true;
          }
        } else down[start] = 0;
      }
    }
    for (let x = width - k + 1; x < width; x++) down[x] = 0;
  }
  if (!any) return mask;
  // Dilate the solid tops-left by the square: horizontally (last start within k - 1 to the
  // left), then vertically (last such row within k - 1 above).
  const lastRow = new Int32Array(width).fill(-k);
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let last = -k;
    for (let x = 0; x < width; x++) {
      if (solid[row + x] !== 0) last = x;
      if (x - last < k) lastRow[x] = y;
      out[row + x] = mask[row + x] !== 0 && y - lastRow[x] >= k ? 1 : 0;
    }
  }
  return out;
}

/** `seeds` grown by one pixel (8-neighbours) into `within`: antialiased edges of exact strokes. */
export function growInto(seeds: Uint8Array, within: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(seeds.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (seeds[p] === 0) continue;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width && within[yy * width + xx] !== 0) out[yy * width + xx] = 1;
        }
      }
    }
  }
  return out;
}

/** Computes the stroke masks of one polarity. */
export function strokeMasks(image: GreyImage, polarity: StrokePolarity, options: StrokeMaskOptions = {}): StrokeMasks {
  const { width, height, data } = image;
  const k = options.strokeKernel ?? 9;
  const minContrast = options.minContrast ?? 40;
  const tolerance = options.levelTolerance ?? 64;
  const extreme = options.extreme ?? extremeLevel(image, polarity);
  const response = (polarity === "bright" ? whiteTopHat(image, k) : blackTopHat(image, k)).data;
  const levels = [extreme, ...inkSpikes(data, response, 2 * minContrast, options.maxSpikes ?? 3).filter((g) => Math.abs(g - extreme) > 12)];
  const exactTolerance = options.exactTolerance ?? 12;
  const levelDistance = new Uint8Array(256);
  const nearLevel = new Uint8Array(256);
  for (let g = 0; g < 256; g++) {
    levelDistance[g] = Math.min(...levels.map((l) => Math.abs(g - l)));
    nearLevel[g] = Math.abs(g - extreme) <= tolerance || levels.some((l) => Math.abs(g - l) <= tolerance / 2) ? 1 : 0;
  }
  const any = new Uint8Array(data.length);
  const level = new Uint8Array(data.length);
  const exact = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    if (response[i] < minContrast) continue;
    any[i] = 1;
    const v = data[i];
    level[i] = nearLevel[v];
    if (levelDistance[v] <= exactTolerance) exact[i] = 1;
  }
  const thick = options.thickKernel ?? 5;
  const thinAny = dropThick(any, width, height, thick);
  return {
    polarity,
    extreme,
    levels,
    levelDistance,
    exact: dropThick(growInto(exact, level, width, height), width, height, thick),
    level: dropThick(level, width, height, thick),
    any: thinAny,
    raw: any,
  };
}
