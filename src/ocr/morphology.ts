/**
 * Grey-level morphology on 8-bit rasters: separable min/max filters over a k x k square in O(1)
 * per pixel (van Herk / Gil-Werman), and the white and black top-hat transforms built from them.
 * The vertical pass works on whole rows at a time so memory is read in order.
 */
import type { GreyImage } from "./raster.js";

/** Horizontal running min (isMax false) or max over windows of k (odd) along each row. */
function horizontal(src: Uint8Array, width: number, height: number, k: number, isMax: boolean): Uint8Array {
  const r = (k - 1) >> 1;
  const len = width + 2 * r;
  const padded = new Uint8Array(len);
  const g = new Uint8Array(len);
  const h = new Uint8Array(len);
  const out = new Uint8Array(src.length);
  const fill = isMax ? 0 : 255;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    padded.fill(fill, 0, r);
    padded.set(src.subarray(row, row + width), r);
    padded.fill(fill, r + width);
    for (let b = 0; b < len; b += k) {
      const e = Math.min(b + k, len) - 1;
      g[b] = padded[b];
      h[e] = padded[e];
      if (isMax) {
        for (let i = b + 1; i <= e; i++) g[i] = g[i - 1] > padded[i] ? g[i - 1] : padded[i];
        for (let i = e - 1; i >= b; i--) h[i] = h[i + 1] > padded[i] ? h[i + 1] : padded[i];
      } else {
        for (let i = b + 1; i <= e; i++) g[i] = g[i - 1] < padded[i] ? g[i - 1] : padded[i];
        for (let i = e - 1; i >= b; i--) h[i] = h[i + 1] < padded[i] ? h[i + 1] : padded[i];
      }
    }
    if (isMax) for (let x = 0; x < width; x++) out[row + x] = h[x] > g[x + k - 1] ? h[x] : g[x + k - 1];
    else for (let x = 0; x < width; x++) out[row + x] = h[x] < g[x + k - 1] ? h[x] : g[x + k - 1];
  }
  return out;
}

/** Vertical running min or max over windows of k rows, computed row-wise for locality. */
function vertical(src: Uint8Array, width: number, height: number, k: number, isMax: boolean): Uint8Array {
  const r = (k - 1) >> 1;
  const len = height + 2 * r;
  const fill = isMax ? 0 : 255;
  // Padded row i is source row i - r, or a row of `fill` outside the image.
  const fillRow = new Uint8Array(width).fill(fill);
  const rowOf = (i: number): Uint8Array => {
    const y = i - r;
    return y < 0 || y >= height ? fillRow : src.subarray(y * width, (y + 1) * width);
  };
  const g = new Uint8Array(len * width);
  const h = new Uint8Array(len * width);
  for (let b = 0; b < len; b += k) {
    const e = Math.min(b + k, len) - 1;
    g.set(rowOf(b), b * width);
    for (let i = b + 1; i <= e; i++) {
      const cur = rowOf(i);
      const o = i * width;
      const p = o - width;
      if (isMax) for (let x = 0; x < width; x++) g[o + x] = g[p + x] > cur[x] ? g[p + x] : cur[x];
      else for (let x = 0; x < width; x++) g[o + x] = g[p + x] < cur[x] ? g[p + x] : cur[x];
    }
    h.set(rowOf(e), e * width);
    for (let i = e - 1; i >= b; i--) {
      const cur = rowOf(i);
      const o = i * width;
      const n = o + width;
      if (isMax) for (let x = 0; x < width; x++) h[o + x] = h[n + x] > cur[x] ? h[n + x] : cur[x];
      else for (let x = 0; x < width; x++) h[o + x] = h[n + x] < cur[x] ? h[n + x] : cur[x];
    }
  }
  const out = new Uint8Array(src.length);
  for (let y = 0; y < height; y++) {
    const a = y * width;
    const c = (y + k - 1) * width;
    const o = y * width;
    if (isMax) for (let x = 0; x < width; x++) out[o + x] = h[a + x] > g[c + x] ? h[a + x] : g[c + x];
    else for (let x = 0; x < width; x++) out[o + x] = h[a + x] < g[c + x] ? h[a + x] : g[c + x];
  }
  return out;
}

function filter(image: GreyImage, k: number, isMax: boolean): GreyImage {
  if (k <= 1) return image;
  const size = k % 2 === 1 ? k : k + 1;
  const { width, height } = image;
  const data = vertical(horizontal(image.data, width, height, size, isMax), width, height, size, isMax);
  return { width, height, channels: 1, data };
}

/** Grey erosion: minimum over a k x k square (k odd; even k is rounded up). */
export function erode(image: GreyImage, k: number): GreyImage {
  return filter(image, k, false);
}

/** Grey dilation: maximum over a k x k square (k odd; even k is rounded up). */
export function dilate(image: GreyImage, k: number): GreyImage {
  return filter(image, k, true);
}

/** White top-hat: image minus its opening; keeps bright details thinner than k. */
export function whiteTopHat(image: GreyImage, k: number): GreyImage {
  const opened = dilate(erode(image, k), k).data;
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = image.data[i] - opened[i];
  return { ...image, data: out };
}

/** Black top-hat: closing minus image; keeps dark details thinner than k. */
export function blackTopHat(image: GreyImage, k: number): GreyImage {
  const closed = erode(dilate(image, k), k).data;
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = closed[i] - image.data[i];
  return { ...image, data: out };
}
