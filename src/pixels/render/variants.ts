/**
 * Alternative renderings that help OCR: inverted, extremes only (burned-in text is usually
 * drawn at the frame's maximum value), enlarged, and cropped; each keeps its mapping to frame pixels.
 */
import { tag } from "../../core/tag.js";
import { getText } from "../../dataset/values.js";
import type { DicomFile } from "../../io/read/read-file.js";
import { isColourFormat, type DecodedFrame } from "../format.js";
import { renderFrame } from "./render-frame.js";
import { type PixelBox, type Rendered, rendered } from "./rendered.js";

const PRESENTATION_LUT_SHAPE = tag(0x2050, 0x0020);

/** Options of `extremes`. */
export interface ExtremesOptions {
  /**
   * Keep the brightest pixels as displayed (default "max") or the darkest ("min"). For
   * MONOCHROME1 the brightest are the lowest stored values (PS3.3 C.7.6.3.1.2).
   */
  which?: "max" | "min";
  /** Also keep pixels within this fraction of the value range of the extreme (0..1). Default 0. */
  tolerance?: number;
  /** Zero-based frame number (for per-frame attributes of colour renderings). Default 0. */
  frameIndex?: number;
}

/** Options of `upscale`. */
export interface UpscaleOptions {
  /** "nearest" keeps hard edges; "bilinear" (default) is smoother for OCR. */
  method?: "nearest" | "bilinear";
}

/** 255 - v for every sample; scale and offset unchanged. */
export function inverted(r: Rendered): Rendered {
  const data = new Uint8Array(r.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - r.data[i];
  return { ...r, data, offset: { ...r.offset } };
}

/**
 * White where a pixel holds the frame's own maximum (or minimum) value, black elsewhere.
 * Grayscale frames compare stored values (so a window cannot merge text with bright
 * anatomy); colour and palette frames compare luminance.
 * A constant frame gives an all-black image (there is nothing to single out).
 */
export function extremes(file: DicomFile, frame: DecodedFrame, options: ExtremesOptions = {}): Rendered {
  const f = frame.format;
  const count = f.rows * f.columns;
  const grey = !isColourFormat(f);
  const values: ArrayLike<number> = grey
    ? frame.pixels.subarray(0, count)
    : renderFrame(file, frame, { grayscale: true, frameIndex: options.frameIndex }).data;
  // MONOCHROME1 displays its minimum as white: "max" then means the lowest stored value.
  const photometric = f.photometric.trim().toUpperCase();
  const shape = getText(file.dataset, PRESENTATION_LUT_SHAPE)?.trim().toUpperCase();
  const flip = grey && (shape === "INVERSE" || (shape !== "IDENTITY" && photometric === "MONOCHROME1"));
  const which = (options.which === "min") !== flip ? "min" : "max";
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Uint8Array(count);
  if (max > min) {
    const tol = Math.min(1, Math.max(0, options.tolerance ?? 0)) * (max - min);
    if (which === "min") {
      const at = min + tol;
      for (let i = 0; i < count; i++) if (values[i] <= at) out[i] = 255;
    } else {
      const at = max - tol;
      for (let i = 0; i < count; i++) if (values[i] >= at) out[i] = 255;
    }
  }
  return rendered(f.columns, f.rows, 1, out);
}

/**
 * Enlarges a rendering by `factor` (> 0; output size rounded): nearest neighbour or bilinear
 * (sampling at pixel centres). The result's scale is multiplied by `factor`.
 */
export function upscale(r: Rendered, factor: number, options: UpscaleOptions = {}): Rendered {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`Argument "factor" must be a positive number, got ${factor}.`);
  const w = Math.max(1, Math.round(r.width * factor));
  const h = Math.max(1, Math.round(r.height * factor));
  const c = r.channels;
  const src = r.data;
  const out = new Uint8Array(w * h * c);
  const result: Rendered = { width: w, height: h, channels: c, data: out, scale: r.scale * factor, offset: { ...r.offset } };
  if (options.method === "nearest") {
    const xs = new Int32Array(w);
    for (let x = 0; x < w; x++) xs[x] = Math.min(r.width - 1, Math.floor((x + 0.5) / factor)) * c;
    for (let y = 0; y < h; y++) {
      const row = Math.min(r.height - 1, Math.floor((y + 0.5) / factor)) * r.width * c;
      for (let x = 0, o = y * w * c; x < w; x++, o += c) for (let k = 0; k < c; k++) out[o + k] = src[row + xs[x] + k];
    }
    return result;
  }
  // Bilinear in 8.8 fixed point, separable: each source row is interpolated across once
  // and reused by every output row that blends it.
  const axis = (n: number, size: number) => {
    const i0 = new Int32Array(n);
    const i1 = new Int32Array(n);
    const t = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const s = Math.min(Math.max((i + 0.5) / factor - 0.5, 0), size - 1);
      i0[i] = Math.floor(s);
      i1[i] = Math.min(i0[i] + 1, size - 1);
      t[i] = Math.round((s - i0[i]) * 256);
    }
    return { i0, i1, t };
  };
  const X = axis(w, r.width);
  const Y = axis(h, r.height);
  const wc = w * c;
  const a = new Int32Array(wc);
  const b = new Int32Array(wc);
  const tx = new Int32Array(wc);
  for (let x = 0; x < w; x++) {
    for (let k = 0; k < c; k++) {
      a[x * c + k] = X.i0[x] * c + k;
      b[x * c + k] = X.i1[x] * c + k;
      tx[x * c + k] = X.t[x];
    }
  }
  const across = (sy: number, into: Int32Array) => {
    const base = sy * r.width * c;
    for (let j = 0; j < wc; j++) into[j] = src[base + a[j]] * (256 - tx[j]) + src[base + b[j]] * tx[j];
  };
  let top = new Int32Array(wc);
  let bottom = new Int32Array(wc);
  let topRow = -1;
  let bottomRow = -1;
  for (let y = 0; y < h; y++) {
    const y0 = Y.i0[y];
    const y1 = Y.i1[y];
    if (y0 !== topRow) {
      if (y0 === bottomRow) [top, bottom] = [bottom, top];
      else across(y0, top);
      topRow = y0;
      bottomRow = -1;
    }
    if (y1 !== bottomRow) {
      across(y1, bottom);
      bottomRow = y1;
    }
    const ty = Y.t[y];
    const o = y * wc;
    for (let j = 0; j < wc; j++) out[o + j] = (top[j] * (256 - ty) + bottom[j] * ty + 32768) >> 16;
  }
  return result;
}

/** Copies a box (in the rendering's coordinates, clamped to it) out of a rendering; the offset follows. */
export function crop(r: Rendered, box: PixelBox): Rendered {
  const x0 = Math.max(0, Math.min(r.width, Math.floor(box.x)));
  const y0 = Math.max(0, Math.min(r.height, Math.floor(box.y)));
  const x1 = Math.max(x0, Math.min(r.width, Math.ceil(box.x + box.w)));
  const y1 = Math.max(y0, Math.min(r.height, Math.ceil(box.y + box.h)));
  const w = x1 - x0;
  const h = y1 - y0;
  const c = r.channels;
  const data = new Uint8Array(w * h * c);
  for (let y = 0; y < h; y++) {
    const from = ((y0 + y) * r.width + x0) * c;
    data.set(r.data.subarray(from, from + w * c), y * w * c);
  }
  return { width: w, height: h, channels: c, data, scale: r.scale, offset: { x: r.offset.x + x0 / r.scale, y: r.offset.y + y0 / r.scale } };
}
