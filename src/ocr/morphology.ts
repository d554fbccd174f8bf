/**
 * Grey-level morphology on 8-bit rasters: separable min/max filters over a k x k square in O(1)
 * per pixel (van Herk / Gil-Werman), and the white and black top-hat transforms built from them.
 * The vertical pass works on whole rows at a time so memory is read in order; the inner loops
 * keep running values in locals (reading typed arrays twice per pixel doubled the cost). Where
 * WebAssembly SIMD runs, simd-morphology.ts computes the same filters 16 pixels at a time (line
 * detection's CPU per 512-px frame fell by a third); these loops are the fallback.
 */
import type { GreyImage } from "./raster.js";
import { scratchUint8 } from "./scratch.js";
import { simdFilter, simdFilters } from "./simd-morphology.js";

/** Running min (isMax false) or max over windows of k (odd) along each row, into `out`. */
function horizontal(src: Uint8Array, width: number, height: number, k: number, isMax: boolean, out: Uint8Array): Uint8Array {
  const r = (k - 1) >> 1;
  const len = width + 2 * r;
  const padded = new Uint8Array(len);
  const g = new Uint8Array(len);
  const h = new Uint8Array(len);
  const fill = isMax ? 0 : 255;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    padded.fill(fill, 0, r);
    padded.set(src.subarray(row, row + width), r);
    padded.fill(fill, r + width);
    for (let b = 0; b < len; b += k) {
      const e = Math.min(b + k, len) - 1;
      let m = padded[b];
      g[b] = m;
      if (isMax) {
        for (let i = b + 1; i <= e; i++) {
          const v = padded[i];
          if (v > m) m = v;
          g[i] = m;
        }
        m = padded[e];
        h[e] = m;
        for (let i = e - 1; i >= b; i--) {
          const v = padded[i];
          if (v > m) m = v;
          h[i] = m;
        }
      } else {
        for (let i = b + 1; i <= e; i++) {
          const v = padded[i];
          if (v < m) m = v;
          g[i] = m;
        }
        m = padded[e];
        h[e] = m;
        for (let i = e - 1; i >= b; i--) {
          const v = padded[i];
          if (v < m) m = v;
          h[i] = m;
        }
      }
    }
    for (let x = 0; x < width; x++) {
      const a = h[x];
      const c = g[x + k - 1];
      out[row + x] = isMax ? (a > c ? a : c) : a < c ? a : c;
    }
  }
  return out;
}

/** Combines row `cur` (or the fill value when it lies outside the image) into row `o` from row `p`. */
function accumulate(dst: Uint8Array, o: number, p: number, src: Uint8Array, s: number, width: number, isMax: boolean): void {
  if (s < 0) {
    for (let x = 0; x < width; x++) dst[o + x] = dst[p + x];
  } else if (isMax) {
    for (let x = 0; x < width; x++) {
      const v = src[s + x];
      const q = dst[p + x];
      dst[o + x] = v > q ? v : q;
    }
  } else {
    for (let x = 0; x < width; x++) {
      const v = src[s + x];
      const q = dst[p + x];
      dst[o + x] = v < q ? v : q;
    }
  }
}

/** Running min or max over windows of k rows, computed row-wise for locality. */
function vertical(src: Uint8Array, width: number, height: number, k: number, isMax: boolean): Uint8Array {
  const r = (k - 1) >> 1;
  const len = height + 2 * r;
  const fill = isMax ? 0 : 255;
  // Padded row i is source row i - r (start offset), or -1 outside the image.
  const start = (i: number): number => (i - r < 0 || i - r >= height ? -1 : (i - r) * width);
  // Every row of g and h is written before it is read, so scratch contents do not matter.
  const g = scratchUint8("morph-g", len * width);
  const h = scratchUint8("morph-h", len * width);
  for (let b = 0; b < len; b += k) {
    const e = Math.min(b + k, len) - 1;
    const sb = start(b);
    if (sb < 0) g.fill(fill, b * width, (b + 1) * width);
    else g.set(src.subarray(sb, sb + width), b * width);
    for (let i = b + 1; i <= e; i++) accumulate(g, i * width, (i - 1) * width, src, start(i), width, isMax);
    const se = start(e);
    if (se < 0) h.fill(fill, e * width, (e + 1) * width);
    else h.set(src.subarray(se, se + width), e * width);
    for (let i = e - 1; i >= b; i--) accumulate(h, i * width, (i + 1) * width, src, start(i), width, isMax);
  }
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const a = y * width;
    const c = (y + k - 1) * width;
    if (isMax) {
      for (let x = 0; x < width; x++) {
        const p = h[a + x];
        const q = g[c + x];
        out[a + x] = p > q ? p : q;
      }
    } else {
      for (let x = 0; x < width; x++) {
        const p = h[a + x];
        const q = g[c + x];
        out[a + x] = p < q ? p : q;
      }
    }
  }
  return out;
}

/** Options of the min/max filters. */
export interface FilterOptions {
  /** Use the WebAssembly SIMD filters where they can run (default true; false: van Herk in JavaScript). */
  simd?: boolean;
}

function filter(image: GreyImage, k: number, isMax: boolean, options: FilterOptions = {}): GreyImage {
  if (k <= 1) return image;
  const size = k % 2 === 1 ? k : k + 1;
  const { width, height } = image;
  const data =
    (options.simd === false ? undefined : simdFilter(image.data, width, height, size, isMax)) ??
    vertical(horizontal(image.data, width, height, size, isMax, scratchUint8("morph-rows", image.data.length)), width, height, size, isMax);
  return { width, height, channels: 1, data };
}

/** Grey erosion: minimum over a k x k square (k odd; even k is rounded up). */
export function erode(image: GreyImage, k: number, options?: FilterOptions): GreyImage {
  return filter(image, k, false, options);
}

/** Grey dilation: maximum over a k x k square (k odd; even k is rounded up). */
export function dilate(image: GreyImage, k: number, options?: FilterOptions): GreyImage {
  return filter(image, k, true, options);
}

/** White top-hat: image minus its opening; keeps bright details thinner than k. */
export function whiteTopHat(image: GreyImage, k: number, options: FilterOptions = {}): GreyImage {
  return topHat(image, k, true, options);
}

/** Black top-hat: closing minus image; keeps dark details thinner than k. */
export function blackTopHat(image: GreyImage, k: number, options: FilterOptions = {}): GreyImage {
  return topHat(image, k, false, options);
}

/**
 * A top-hat: the image minus its opening (min, then max), or its closing (max, then min) minus
 * the image. On the SIMD path both passes stay in the module's memory and only the difference is
 * made as an array.
 */
function topHat(image: GreyImage, k: number, bright: boolean, options: FilterOptions): GreyImage {
  const { width, height, data } = image;
  const difference = (smoothed: Uint8Array): Uint8Array => {
    const out = new Uint8Array(data.length);
    if (bright) for (let i = 0; i < out.length; i++) out[i] = data[i] - smoothed[i];
    else for (let i = 0; i < out.length; i++) out[i] = smoothed[i] - data[i];
    return out;
  };
  const size = k % 2 === 1 ? k : k + 1;
  const fast = k > 1 && options.simd !== false ? simdFilters(data, width, height, size, [{ max: !bright }, { max: bright }], difference) : undefined;
  if (fast !== undefined) return { ...image, data: fast };
  const smoothed = bright ? dilate(erode(image, k, options), k, options) : erode(dilate(image, k, options), k, options);
  return { ...image, data: difference(smoothed.data) };
}
