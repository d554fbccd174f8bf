// Rectangles: validation, clipping to the image, per-frame grouping and pixel masks.
import { DicomError } from "../core/errors.js";
import type { Rect, RectsByFrame } from "./types.js";

/** The rectangle clipped to a width x height image, on whole pixels; undefined when empty. Throws on NaN. */
export function clipRect(rect: Rect, width: number, height: number): Rect | undefined {
  if (![rect.x, rect.y, rect.w, rect.h].every(Number.isFinite)) {
    throw new DicomError("BAD_VALUE", 'Argument "rects" holds a rectangle with a non-finite coordinate');
  }
  const x0 = Math.max(0, Math.floor(rect.x));
  const y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(width, Math.ceil(rect.x + rect.w));
  const y1 = Math.min(height, Math.ceil(rect.y + rect.h));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : undefined;
}

/**
 * The clipped, non-empty rectangles of each frame that has any, in frame order. An array applies
 * to every frame; a map's keys must be frame indices 0..frames-1 (else BAD_VALUE).
 */
export function rectsPerFrame(rects: RectsByFrame, size: { columns: number; rows: number; frames: number }): Map<number, Rect[]> {
  const clip = (list: readonly Rect[]): Rect[] =>
    list.map((r) => clipRect(r, size.columns, size.rows)).filter((r): r is Rect => r !== undefined);
  const out = new Map<number, Rect[]>();
  if (Array.isArray(rects)) {
    const clipped = clip(rects as readonly Rect[]);
    if (clipped.length) for (let f = 0; f < size.frames; f++) out.set(f, clipped);
    return out;
  }
  const map = rects as ReadonlyMap<number, readonly Rect[]>;
  for (const f of [...map.keys()].sort((a, b) => a - b)) {
    if (!Number.isInteger(f) || f < 0 || f >= size.frames) {
      throw new DicomError("BAD_VALUE", `Argument "rects" names frame ${String(f)}, outside 0..${size.frames - 1}`);
    }
    const clipped = clip(map.get(f) ?? []);
    if (clipped.length) out.set(f, clipped);
  }
  return out;
}

/**
 * Rectangles widened to whole pixel pairs: in YBR_FULL_422 / YBR_PARTIAL_422 two horizontally
 * adjacent pixels share one Cb and one Cr sample (PS3.3 C.7.6.3.1.2), so a pair is redacted whole.
 */
export function widenToPairs(rects: readonly Rect[], width: number): Rect[] {
  return rects.map((r) => {
    const x0 = r.x - (r.x % 2);
    const x1 = Math.min(width, r.x + r.w + ((r.x + r.w) % 2));
    return { x: x0, y: r.y, w: x1 - x0, h: r.h };
  });
}

/** A width x height mask (1 inside any rectangle) and the number of pixels it covers. */
export interface RectMask {
  readonly mask: Uint8Array;
  readonly count: number;
}

/** The union of clipped rectangles as a pixel mask. */
export function rectMask(rects: readonly Rect[], width: number, height: number): RectMask {
  const mask = new Uint8Array(width * height);
  for (const r of rects) {
    const c = clipRect(r, width, height);
    if (!c) continue;
    for (let y = c.y; y < c.y + c.h; y++) mask.fill(1, y * width + c.x, y * width + c.x + c.w);
  }
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  return { mask, count };
}

/** Whether two rectangle lists are the same rectangles in the same order. */
export function sameRects(a: readonly Rect[], b: readonly Rect[]): boolean {
  return a.length === b.length && a.every((r, i) => r.x === b[i].x && r.y === b[i].y && r.w === b[i].w && r.h === b[i].h);
}
