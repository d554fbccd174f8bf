/**
 * Thumbnails for the review page: a rendering scaled down to fit a square (area average), with
 * boxes outlined in the colour of their reason, encoded as PNG. Boxes are in frame pixels and
 * are mapped through the rendering's scale and offset.
 */
import { encodePng } from "../pixels/render/png.js";
import { rendered, type PixelBox, type Rendered } from "../pixels/render/rendered.js";
import { reasonColour, type Rgb } from "./colours.js";

/** A box to outline, in frame pixels, with the reason that picks its colour. */
export interface ThumbnailBox extends PixelBox {
  reason: string;
}

/** Options of `thumbnailPng`. */
export interface ThumbnailOptions {
  /** Longest side of the thumbnail in pixels; images already smaller are not enlarged. Default 256. */
  maxSize?: number;
  /** Boxes to outline. */
  boxes?: readonly ThumbnailBox[];
  /** Outline width in thumbnail pixels. Default 1 (2 when the thumbnail side is 384 or more). */
  lineWidth?: number;
}

/** The rendering as interleaved RGB (grey replicated). */
function toRgb(r: Rendered): Uint8Array {
  if (r.channels === 3) return r.data;
  const out = new Uint8Array(r.width * r.height * 3);
  for (let i = 0; i < r.data.length; i++) out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = r.data[i];
  return out;
}

/** Area-average downscale of an RGB raster to width x height. */
export function downscaleRgb(src: Uint8Array, sw: number, sh: number, width: number, height: number): Uint8Array {
  if (width === sw && height === sh) return src.slice();
  const out = new Uint8Array(width * height * 3);
  const fx = sw / width;
  const fy = sh / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * fy);
    const y1 = Math.max(y0 + 1, Math.min(sh, Math.floor((y + 1) * fy)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * fx);
      const x1 = Math.max(x0 + 1, Math.min(sw, Math.floor((x + 1) * fx)));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const s = (yy * sw + xx) * 3;
          r += src[s];
          g += src[s + 1];
          b += src[s + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 3;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
    }
  }
  return out;
}

/** Outlines a rectangle (thumbnail pixels, inclusive corners clipped to the raster) in a colour. */
export function strokeRect(rgb: Uint8Array, width: number, height: number, x0: number, y0: number, x1: number, y1: number, colour: Rgb, line = 1): void {
  const set = (x: number, y: number): void => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    const o = (y * width + x) * 3;
    rgb[o] = colour[0];
    rgb[o + 1] = colour[1];
    rgb[o + 2] = colour[2];
  };
  for (let t = 0; t < line; t++) {
    for (let x = x0; x <= x1; x++) {
      set(x, y0 + t);
      set(x, y1 - t);
    }
    for (let y = y0; y <= y1; y++) {
      set(x0 + t, y);
      set(x1 - t, y);
    }
  }
}

/** The thumbnail as a rendering (RGB), boxes drawn; `thumbnailPng` encodes it. */
export function thumbnail(r: Rendered, options: ThumbnailOptions = {}): Rendered {
  const max = Math.max(16, Math.floor(options.maxSize ?? 256));
  const k = Math.min(1, max / Math.max(r.width, r.height));
  const width = Math.max(1, Math.round(r.width * k));
  const height = Math.max(1, Math.round(r.height * k));
  const rgb = downscaleRgb(toRgb(r), r.width, r.height, width, height);
  const line = options.lineWidth ?? (Math.max(width, height) >= 384 ? 2 : 1);
  const sx = (width / r.width) * r.scale;
  const sy = (height / r.height) * r.scale;
  for (const b of options.boxes ?? []) {
    const x0 = Math.floor((b.x - r.offset.x) * sx);
    const y0 = Math.floor((b.y - r.offset.y) * sy);
    // At least a few pixels across, so a small box stays visible in a small thumbnail.
    const x1 = Math.max(x0 + 2, Math.ceil((b.x + b.w - r.offset.x) * sx) - 1);
    const y1 = Math.max(y0 + 2, Math.ceil((b.y + b.h - r.offset.y) * sy) - 1);
    strokeRect(rgb, width, height, x0, y0, x1, y1, reasonColour(b.reason), line);
  }
  return rendered(width, height, 3, rgb);
}

/** A PNG thumbnail of a rendering with boxes outlined in the colours of their reasons. */
export async function thumbnailPng(r: Rendered, options: ThumbnailOptions = {}): Promise<Uint8Array> {
  return encodePng(thumbnail(r, options));
}
