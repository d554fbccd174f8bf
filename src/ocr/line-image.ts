/**
 * Line images for OCR: one detected text line cut out of the frame and turned into clean dark
 * glyphs on a white ground at a glyph height the engine reads well.
 *
 * Burned-in glyphs are drawn at one grey level over a ground that may be noisy or uneven, so the
 * crop is mapped through its own top-hat: each pixel's ink strength is how far it rises above the
 * local ground (grey opening) relative to how far the text level does, 1 at the text level and 0
 * at the ground. That removes texture and uneven ground before scaling; scaling is bilinear (it
 * interpolates the antialiased edges of tiny glyphs), and the result may be binarised at half ink.
 */
import type { OcrBox } from "./engine.js";
import { blackTopHat, whiteTopHat } from "./morphology.js";
import { crop, pad, scale, type GreyImage } from "./raster.js";

/** What a line image is made from: a box of the frame, the text polarity and level. */
export interface LineSource {
  box: OcrBox;
  polarity: "bright" | "dark";
  /** Grey level the glyphs are drawn at. */
  level: number;
  /** Glyph height in frame pixels. */
  charHeight: number;
}

/** Options of `lineImage`. */
export interface LineImageOptions {
  /** Glyph height the crop is scaled to. Default 28. */
  targetCharHeight?: number;
  /** Largest upscale factor. Default 8. */
  maxScale?: number;
  /** Binarise at half ink after scaling (true) or keep grey (false). Default true. */
  binarise?: boolean;
  /** White border added around the scaled line, in pixels. Default 8. */
  border?: number;
  /** Glyphs this tall or smaller count as small (looser ink cores). Default 5. */
  smallCharHeight?: number;
  /** Core strength of small glyphs (others: 0.75). Default 0.5. */
  smallCore?: number;
}

/** A prepared line image and the mapping of its pixels back to the frame. */
export interface LineImage {
  image: GreyImage;
  /** Frame box the image was cut from. */
  source: OcrBox;
  /** Line-image pixels per frame pixel. */
  factor: number;
  /** Border added around the scaled crop (line-image pixels). */
  border: number;
}

/**
 * Ink map of a crop: 255 * (1 - strength) where strength = top-hat / (text level - local ground),
 * clamped to 0..1; the top-hat window is a little over two glyph heights wide so that it spans
 * whole strokes. Glyphs are drawn at the text level, so only pixels next to a core pixel (strength
 * >= `core`) keep their ink: grey structures crossing the line (anatomy, texture) never reach the
 * level and drop out, except where they touch a glyph.
 */
export function inkMap(img: GreyImage, polarity: "bright" | "dark", level: number, charHeight: number, core = 0.75): GreyImage {
  const { width, height } = img;
  const k = Math.max(5, Math.min(31, 2 * Math.round(charHeight) + 1));
  const top = (polarity === "bright" ? whiteTopHat(img, k) : blackTopHat(img, k)).data;
  const strength = new Float32Array(img.data.length);
  const isCore = new Uint8Array(img.data.length);
  for (let i = 0; i < strength.length; i++) {
    const v = img.data[i];
    const ground = polarity === "bright" ? v - top[i] : v + top[i];
    const span = Math.abs(level - ground);
    strength[i] = span < 8 ? 0 : Math.min(1, top[i] / span);
    if (strength[i] >= core) isCore[i] = 1;
  }
  const out = new Uint8Array(img.data.length).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (strength[i] === 0) continue;
      let near = isCore[i] === 1;
      for (let dy = -1; dy <= 1 && !near; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width && isCore[yy * width + xx] === 1) {
            near = true;
            break;
          }
        }
      }
      if (near) out[i] = Math.round(255 * (1 - strength[i]));
    }
  }
  return { ...img, data: out };
}

/** Cuts a line out of the frame and prepares it for OCR (dark glyphs on white, scaled, bordered). */
export function lineImage(frame: GreyImage, line: LineSource, options: LineImageOptions = {}): LineImage {
  const target = options.targetCharHeight ?? 28;
  const maxScale = options.maxScale ?? 8;
  const border = options.border ?? 8;
  // A little ground around the glyphs lets the top-hat see the ground on both sides of a stroke.
  const m = Math.max(2, Math.round(line.charHeight));
  const source = line.box;
  const wide: OcrBox = { x: source.x - m, y: source.y - m, w: source.w + 2 * m, h: source.h + 2 * m };
  const x0 = Math.max(0, wide.x);
  const y0 = Math.max(0, wide.y);
  const big = crop(frame, wide);
  // Small antialiased glyphs rarely reach the level: their cores are looser.
  const ink = inkMap(big, line.polarity, line.level, line.charHeight, line.charHeight <= (options.smallCharHeight ?? 5) ? (options.smallCore ?? 0.5) : 0.75);
  const inner = crop(ink, { x: source.x - x0, y: source.y - y0, w: source.w, h: source.h });
  const factor = Math.min(maxScale, Math.max(1, target / Math.max(1, line.charHeight)));
  let img = scale(inner, factor);
  if (options.binarise ?? true) {
    const data = new Uint8Array(img.data.length);
    for (let i = 0; i < data.length; i++) data[i] = img.data[i] < 128 ? 0 : 255;
    img = { ...img, data };
  }
  return { image: pad(img, border, 255), source, factor, border };
}
