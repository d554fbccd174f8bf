/**
 * Small 8-bit raster operations used to prepare OCR inputs: grey conversion, crop, scale,
 * invert, pad, and PGM encoding (the cheapest format every tesseract build reads).
 */
import type { OcrBox, OcrImage } from "./engine.js";

/** A single-channel 8-bit raster. */
export interface GreyImage extends OcrImage {
  channels: 1;
}

/** Converts any OcrImage to grey (ITU-R BT.601 luma; alpha ignored); returns grey input as is. */
export function toGrey(image: OcrImage): GreyImage {
  if (image.channels === 1) return image as GreyImage;
  const { width, height, channels, data } = image;
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += channels) {
    out[i] = (data[j] * 299 + data[j + 1] * 587 + data[j + 2] * 114 + 500) / 1000;
  }
  return { width, height, channels: 1, data: out };
}

/** Clamps a box to the image and rounds it outward to whole pixels. */
export function clampBox(box: OcrBox, width: number, height: number): OcrBox {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(width, Math.ceil(box.x + box.w));
  const y1 = Math.min(height, Math.ceil(box.y + box.h));
  return { x: x0, y: y0, w: Math.max(0, x1 - x0), h: Math.max(0, y1 - y0) };
}

/** Copies a rectangle (clamped to the image) out of a grey image. */
export function crop(image: GreyImage, box: OcrBox): GreyImage {
  const b = clampBox(box, image.width, image.height);
  const out = new Uint8Array(b.w * b.h);
  for (let y = 0; y < b.h; y++) {
    const from = (b.y + y) * image.width + b.x;
    out.set(image.data.subarray(from, from + b.w), y * b.w);
  }
  return { width: b.w, height: b.h, channels: 1, data: out };
}

/** Resizes by a factor with bilinear interpolation (factor > 0; 1 returns the input). */
export function scale(image: GreyImage, factor: number): GreyImage {
  if (!(factor > 0)) throw new RangeError(`Argument "factor" must be > 0, got ${factor}.`);
  if (factor === 1) return image;
  const { width, height, data } = image;
  const w = Math.max(1, Math.round(width * factor));
  const h = Math.max(1, Math.round(height * factor));
  const out = new Uint8Array(w * h);
  const xs0 = new Int32Array(w);
  const xs1 = new Int32Array(w);
  const fx = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    const sx = Math.min(Math.max((x + 0.5) / factor - 0.5, 0), width - 1);
    xs0[x] = Math.floor(sx);
    xs1[x] = Math.min(xs0[x] + 1, width - 1);
    fx[x] = sx - xs0[x];
  }
  for (let y = 0; y < h; y++) {
    const sy = Math.min(Math.max((y + 0.5) / factor - 0.5, 0), height - 1);
    const y0 = Math.floor(sy);
    const r0 = y0 * width;
    const r1 = Math.min(y0 + 1, height - 1) * width;
    const fy = sy - y0;
    const o = y * w;
    for (let x = 0; x < w; x++) {
      const a = data[r0 + xs0[x]] + (data[r0 + xs1[x]] - data[r0 + xs0[x]]) * fx[x];
      const b = data[r1 + xs0[x]] + (data[r1 + xs1[x]] - data[r1 + xs0[x]]) * fx[x];
      out[o + x] = a + (b - a) * fy + 0.5;
    }
  }
  return { width: w, height: h, channels: 1, data: out };
}

/** Shrinks by an integer factor, each output pixel the mean of a factor x factor block (partial blocks dropped). */
export function shrink(image: GreyImage, factor: number): GreyImage {
  const f = Math.floor(factor);
  if (!(f >= 1)) throw new RangeError(`Argument "factor" must be >= 1, got ${factor}.`);
  if (f === 1) return image;
  const w = Math.floor(image.width / f);
  const h = Math.floor(image.height / f);
  const out = new Uint8Array(w * h);
  const sums = new Uint32Array(w);
  const n = f * f;
  for (let y = 0; y < h; y++) {
    sums.fill(0);
    for (let dy = 0; dy < f; dy++) {
      const row = (y * f + dy) * image.width;
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let dx = 0; dx < f; dx++) s += image.data[row + x * f + dx];
        sums[x] += s;
      }
    }
    for (let x = 0; x < w; x++) out[y * w + x] = Math.round(sums[x] / n);
  }
  return { width: w, height: h, channels: 1, data: out };
}

/** Returns the negative of a grey image. */
export function invert(image: GreyImage): GreyImage {
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = 255 - image.data[i];
  return { ...image, data: out };
}

/** Linearly stretches grey levels so that `low` maps to 0 and `high` to 255 (clamped). */
export function stretch(image: GreyImage, low: number, high: number): GreyImage {
  const span = Math.max(1, high - low);
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.min(255, Math.max(0, Math.round(((v - low) * 255) / span)));
  const out = new Uint8Array(image.data.length);
  for (let i = 0; i < out.length; i++) out[i] = lut[image.data[i]];
  return { ...image, data: out };
}

/** Adds a border of `size` pixels filled with `value` around a grey image. */
export function pad(image: GreyImage, size: number, value: number): GreyImage {
  const w = image.width + 2 * size;
  const h = image.height + 2 * size;
  const out = new Uint8Array(w * h).fill(value);
  for (let y = 0; y < image.height; y++) {
    out.set(image.data.subarray(y * image.width, (y + 1) * image.width), (y + size) * w + size);
  }
  return { width: w, height: h, channels: 1, data: out };
}

/** Encodes a grey image as binary PGM (P5). */
export function encodePgm(image: GreyImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${image.width} ${image.height}\n255\n`);
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data.subarray(0, image.width * image.height), header.length);
  return out;
}

/** Encodes an OcrImage as PGM (grey) or PPM (colour, alpha dropped). */
export function encodePnm(image: OcrImage): Uint8Array {
  if (image.channels === 1) return encodePgm(image as GreyImage);
  const { width, height, channels, data } = image;
  const header = new TextEncoder().encode(`P6\n${width} ${height}\n255\n`);
  const out = new Uint8Array(header.length + width * height * 3);
  out.set(header, 0);
  for (let i = 0, j = 0, o = header.length; i < width * height; i++, j += channels, o += 3) {
    out[o] = data[j];
    out[o + 1] = data[j + 1];
    out[o + 2] = data[j + 2];
  }
  return out;
}
