/**
 * The redacted area of one frame, measured from the pixels alone (never from the tool's own
 * report): compare the original and the output frame, and turn the changed pixels back into the
 * rectangles a redaction is made of.
 *
 * A redaction fills rectangles with one value (the fill: taken as the most frequent output value
 * among changed pixels). Where the original already held the fill (a black background filled
 * with black), pixels inside the rectangle do not change, so over such a background only the
 * strokes of the hidden text change. Hence:
 * 1. changed pixels are grouped with small gaps bridged (`gapX` along rows, `gapY` across them:
 *    strokes of one line join, lines a few pixels apart do not), and each group's bounding box
 *    is grown by at most `grow` pixels per side over rows and columns that hold the fill (the
 *    dark margin the rectangle most likely covered too; bounded, or it would run over the whole
 *    background);
 * 2. inside those boxes a pixel is redacted when it changed or holds the fill: an unchanged pixel
 *    with another value cannot lie under a fill, so an L-shaped group's bounding box does not
 *    claim the image between its arms;
 * 3. the mask is cut into rectangles exactly (runs of rows with the same extent), for display.
 * On a fill-valued background the mask may include background between a group's strokes that
 * no rectangle covered; it holds nothing to hide, so that only errs towards counting redaction.
 */
import type { DecodedFrame } from "../pixels/format.js";
import type { PixelBox } from "../pixels/render/rendered.js";

/** Options of `redactedArea`. */
export interface RedactedAreaOptions {
  /** A sample counts as changed when it differs by more than this. Default 0 (lossless outputs). */
  tolerance?: number;
  /** Gaps of up to 2 * gapX pixels along a row are bridged. Default 4 (letters and words of a line). */
  gapX?: number;
  /** Gaps of up to 2 * gapY pixels across rows are bridged. Default 1 (dots of i and j; not the next line). */
  gapY?: number;
  /** Largest growth per side over fill-valued output pixels. Default 2. */
  grow?: number;
}

/** The redacted area of one frame: a mask (1 = redacted) and its rectangles. */
export interface RedactedArea {
  width: number;
  height: number;
  /** One byte per pixel, 1 inside a redaction rectangle. */
  mask: Uint8Array;
  /** The mask cut into rectangles (for display; counts use the mask). */
  rects: PixelBox[];
  /** Pixels whose samples changed. */
  changed: number;
  /** Pixels inside the mask. */
  redacted: number;
  /** The fill (one value per sample), when anything changed. */
  fill?: number[];
}

/** The defaults of `redactedArea`, for reports. */
export const REDACTED_AREA_DEFAULTS: Required<RedactedAreaOptions> = { tolerance: 0, gapX: 4, gapY: 1, grow: 2 };

/** Pixels whose samples differ by more than `tolerance` in any channel. */
function changedMask(before: DecodedFrame, after: DecodedFrame, tolerance: number): { mask: Uint8Array; count: number } {
  const { rows, columns, samplesPerPixel: n } = before.format;
  const mask = new Uint8Array(rows * columns);
  const a = before.pixels;
  const b = after.pixels;
  let count = 0;
  for (let p = 0, s = 0; p < mask.length; p++, s += n) {
    for (let c = 0; c < n; c++) {
      const x = a[s + c] as number;
      const y = b[s + c] as number;
      // NaN (float pixel data) equals only NaN here.
      if (!(Math.abs(x - y) <= tolerance) && !(Number.isNaN(x) && Number.isNaN(y))) {
        mask[p] = 1;
        count++;
        break;
      }
    }
  }
  return { mask, count };
}

/** Box dilation by (gx, gy), separable, with running counts. */
function dilate(mask: Uint8Array, width: number, height: number, gx: number, gy: number): Uint8Array {
  const rowPass = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    let inWindow = 0;
    for (let x = 0; x < Math.min(gx, width); x++) inWindow += mask[o + x];
    for (let x = 0; x < width; x++) {
      if (x + gx < width) inWindow += mask[o + x + gx];
      if (x - gx - 1 >= 0) inWindow -= mask[o + x - gx - 1];
      rowPass[o + x] = inWindow > 0 ? 1 : 0;
    }
  }
  const out = new Uint8Array(mask.length);
  for (let x = 0; x < width; x++) {
    let inWindow = 0;
    for (let y = 0; y < Math.min(gy, height); y++) inWindow += rowPass[y * width + x];
    for (let y = 0; y < height; y++) {
      if (y + gy < height) inWindow += rowPass[(y + gy) * width + x];
      if (y - gy - 1 >= 0) inWindow -= rowPass[(y - gy - 1) * width + x];
      out[y * width + x] = inWindow > 0 ? 1 : 0;
    }
  }
  return out;
}

/** Bounding boxes of the changed pixels of each 4-connected component of the dilated mask. */
function groupBoxes(changed: Uint8Array, dilated: Uint8Array, width: number, height: number): PixelBox[] {
  const label = new Int32Array(dilated.length).fill(-1);
  const bounds: number[][] = [];
  const stack: number[] = [];
  for (let start = 0; start < dilated.length; start++) {
    if (!dilated[start] || label[start] >= 0) continue;
    const id = bounds.length;
    const b = [Infinity, Infinity, -1, -1];
    label[start] = id;
    stack.push(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      const x = p % width;
      const y = (p - x) / width;
      if (changed[p]) {
        if (x < b[0]) b[0] = x;
        if (y < b[1]) b[1] = y;
        if (x > b[2]) b[2] = x;
        if (y > b[3]) b[3] = y;
      }
      const visit = (q: number): void => {
        if (dilated[q] && label[q] < 0) {
          label[q] = id;
          stack.push(q);
        }
      };
      if (x > 0) visit(p - 1);
      if (x < width - 1) visit(p + 1);
      if (y > 0) visit(p - width);
      if (y < height - 1) visit(p + width);
    }
    bounds.push(b);
  }
  return bounds.filter((b) => b[2] >= 0).map(([x0, y0, x1, y1]) => ({ x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 }));
}

/** The most frequent output sample tuple among changed pixels: the fill. */
function fillOf(changed: Uint8Array, after: DecodedFrame): number[] | undefined {
  const n = after.format.samplesPerPixel;
  const px = after.pixels;
  const counts = new Map<number | string, number>();
  let best = -1;
  let bestCount = 0;
  for (let p = 0; p < changed.length; p++) {
    if (!changed[p]) continue;
    let key: number | string = px[p * n] as number;
    for (let c = 1; c < n; c++) key = `${key},${px[p * n + c]}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > bestCount) {
      bestCount = count;
      best = p;
    }
  }
  return best < 0 ? undefined : Array.from({ length: n }, (_, c) => px[best * n + c] as number);
}

/** True when pixel p of the frame holds the fill (one value per sample). */
export function holdsFill(after: DecodedFrame, p: number, fill: readonly number[]): boolean {
  const n = fill.length;
  for (let c = 0; c < n; c++) if (after.pixels[p * n + c] !== fill[c]) return false;
  return true;
}

/** Grows a box side by side, at most `grow` steps each, while the new row or column is all fill. */
function growOverFill(box: PixelBox, after: DecodedFrame, fill: readonly number[], grow: number): PixelBox {
  const { rows: height, columns: width } = after.format;
  let [x0, y0, x1, y1] = [box.x, box.y, box.x + box.w - 1, box.y + box.h - 1];
  const columnIsFill = (x: number): boolean => {
    for (let y = y0; y <= y1; y++) if (!holdsFill(after, y * width + x, fill)) return false;
    return true;
  };
  const rowIsFill = (y: number): boolean => {
    for (let x = x0; x <= x1; x++) if (!holdsFill(after, y * width + x, fill)) return false;
    return true;
  };
  for (let i = 0; i < grow && x0 > 0 && columnIsFill(x0 - 1); i++) x0--;
  for (let i = 0; i < grow && x1 < width - 1 && columnIsFill(x1 + 1); i++) x1++;
  for (let i = 0; i < grow && y0 > 0 && rowIsFill(y0 - 1); i++) y0--;
  for (let i = 0; i < grow && y1 < height - 1 && rowIsFill(y1 + 1); i++) y1++;
  return { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/**
 * Cuts a mask into rectangles: runs of 1 in each row, a run extending the rectangle above it when
 * that rectangle has exactly the same columns and ended on the row before. Exact for any mask; a
 * union of a few rectangles gives a few rectangles.
 */
export function maskToRects(mask: Uint8Array, width: number, height: number): PixelBox[] {
  const done: PixelBox[] = [];
  let open = new Map<number, PixelBox>();
  for (let y = 0; y < height; y++) {
    const next = new Map<number, PixelBox>();
    const o = y * width;
    for (let x = 0; x < width; ) {
      if (!mask[o + x]) {
        x++;
        continue;
      }
      const x0 = x;
      while (x < width && mask[o + x]) x++;
      const key = x0 * (width + 1) + x;
      const above = open.get(key);
      if (above) {
        above.h++;
        open.delete(key);
        next.set(key, above);
      } else {
        next.set(key, { x: x0, y, w: x - x0, h: 1 });
      }
    }
    for (const r of open.values()) done.push(r);
    open = next;
  }
  for (const r of open.values()) done.push(r);
  return done.sort((a, b) => a.y - b.y || a.x - b.x);
}

/** Sets the mask to 1 inside each box (clipped to the image); returns the mask. */
export function paintBoxes(mask: Uint8Array, width: number, height: number, boxes: readonly PixelBox[]): Uint8Array {
  for (const b of boxes) {
    const x0 = Math.max(0, b.x);
    const x1 = Math.min(width, b.x + b.w);
    for (let y = Math.max(0, b.y); y < Math.min(height, b.y + b.h); y++) if (x1 > x0) mask.fill(1, y * width + x0, y * width + x1);
  }
  return mask;
}

/** The redacted area of a frame: original and output decoded with the same geometry. */
export function redactedArea(before: DecodedFrame, after: DecodedFrame, options: RedactedAreaOptions = {}): RedactedArea {
  const o = { ...REDACTED_AREA_DEFAULTS, ...options };
  const { rows: height, columns: width } = before.format;
  const { mask: changed, count } = changedMask(before, after, o.tolerance);
  const mask = new Uint8Array(width * height);
  if (count === 0) return { width, height, mask, rects: [], changed: 0, redacted: 0 };
  const groups = groupBoxes(changed, dilate(changed, width, height, o.gapX, o.gapY), width, height);
  const fill = fillOf(changed, after);
  const grown = fill === undefined || o.grow <= 0 ? groups : groups.map((b) => growOverFill(b, after, fill, o.grow));
  let redacted = 0;
  for (const b of grown) {
    for (let y = b.y; y < b.y + b.h; y++) {
      for (let p = y * width + b.x; p < y * width + b.x + b.w; p++) {
        if (!mask[p] && (changed[p] || (fill !== undefined && holdsFill(after, p, fill)))) {
          mask[p] = 1;
          redacted++;
        }
      }
    }
  }
  return { width, height, mask, rects: maskToRects(mask, width, height), changed: count, redacted, ...(fill ? { fill } : {}) };
}
