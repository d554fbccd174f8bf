/**
 * 8-connected component labelling of a binary mask, with each component's box, area and the
 * extreme grey values it reaches in a companion image.
 */
import { scratchInt32, scratchUint8 } from "./scratch.js";

/** A connected component: box (end-exclusive), pixel count, and grey range over its pixels. */
export interface Component {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  area: number;
  /** Highest grey value of the component's pixels in the companion image (0 without one). */
  peak: number;
  /** Lowest grey value of the component's pixels in the companion image (255 without one). */
  floor: number;
}

/** Labels 8-connected components of `mask` (non-zero = set); `grey` supplies peak/floor values. */
export function connectedComponents(mask: Uint8Array, width: number, height: number, grey?: Uint8Array): Component[] {
  const seen = scratchUint8("components-seen", mask.length, true);
  // Each pixel is pushed at most once, so the stack never outgrows the mask.
  const stack = scratchInt32("components-stack", mask.length);
  const out: Component[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] === 0 || seen[start] === 1) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let x0 = width;
    let y0 = height;
    let x1 = 0;
    let y1 = 0;
    let area = 0;
    let peak = 0;
    let floor = 255;
    while (top > 0) {
      const p = stack[--top];
      const y = (p / width) | 0;
      const x = p - y * width;
      area++;
      if (grey !== undefined) {
        const v = grey[p];
        if (v > peak) peak = v;
        if (v < floor) floor = v;
      }
      if (x < x0) x0 = x;
      if (x >= x1) x1 = x + 1;
      if (y < y0) y0 = y;
      if (y >= y1) y1 = y + 1;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] !== 0 && seen[q] === 0) {
            seen[q] = 1;
            stack[top++] = q;
          }
        }
      }
    }
    out.push({ x0, y0, x1, y1, area, peak, floor });
  }
  return out;
}
