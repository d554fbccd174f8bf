// Clean Graphics (PS3.15 E.3.3 / Table E.1-1 "Clean Graphics Option"): overlay planes stored in
// Overlay Data (60xx,3000) lose their bits inside the redacted rectangles.
import type { Dataset } from "../core/dataset.js";
import { tag } from "../core/tag.js";
import { getNumber, getNumbers } from "../dataset/values.js";
import type { DicomFile } from "../io/read/read-file.js";
import { rectsPerFrame } from "./rects.js";
import type { Rect, RectsByFrame } from "./types.js";

/** What cleanOverlays did: overlay groups looked at, groups changed, bits cleared (set bits only). */
export interface OverlayCleaning {
  readonly overlays: number;
  readonly changed: number;
  readonly bitsCleared: number;
}

/** The image frames' rectangles that an overlay frame covers (all frames' for a single-frame overlay on a multi-frame image). */
function rectsForOverlayFrame(perFrame: ReadonlyMap<number, readonly Rect[]>, imageFrames: number, overlayFrames: number, frameOrigin: number, k: number): Rect[] {
  if (overlayFrames === 1 && imageFrames > 1 && !Number.isFinite(frameOrigin)) return [...new Set(perFrame.values())].flat();
  return [...(perFrame.get((Number.isFinite(frameOrigin) ? frameOrigin : 1) - 1 + k) ?? [])];
}

/** PS3.5 8.1.2 / 7.3: overlay bits are packed, first in the least significant bit; OW words are byte-swapped in big endian. */
const byteFlip = (ds: Dataset, vr: string): number => (!ds.encoding.littleEndian && vr !== "OB" ? 1 : 0);

/**
 * The bits of one overlay plane as an 8-bit image (set bits 255 on 0), or undefined when the
 * group is no 1-bit Overlay Data plane of its declared size.
 */
export function overlayPlane(ds: Dataset, group: number, frame: number): { width: number; height: number; data: Uint8Array } | undefined {
  const el = ds.get(tag(group, 0x3000));
  const rows = getNumber(ds, tag(group, 0x0010));
  const columns = getNumber(ds, tag(group, 0x0011));
  const frames = overlayFrames(ds, group);
  if (!el?.value || !rows || !columns || frame >= frames || (getNumber(ds, tag(group, 0x0100)) ?? 1) !== 1 || (getNumber(ds, tag(group, 0x0102)) ?? 0) !== 0) return undefined;
  if (el.value.length * 8 < rows * columns * frames) return undefined;
  const flip = byteFlip(ds, el.vr);
  const data = new Uint8Array(rows * columns);
  const first = frame * rows * columns;
  for (let i = 0; i < data.length; i++) {
    const bit = first + i;
    if (el.value[Math.floor(bit / 8) ^ flip] & (1 << bit % 8)) data[i] = 255;
  }
  return { width: columns, height: rows, data };
}

/** Frames of an overlay group (Number of Frames in Overlay, default 1). */
export function overlayFrames(ds: Dataset, group: number): number {
  return Math.max(1, getNumber(ds, tag(group, 0x0015)) ?? 1);
}

/**
 * Clears the bits of one overlay frame inside rectangles in the overlay's own coordinates
 * (row 0, column 0 = its first bit); the group is rewritten only when a set bit is cleared.
 * Returns the set bits cleared.
 */
export function clearOverlayBits(ds: Dataset, group: number, frame: number, rects: readonly Rect[]): number {
  const dataTag = tag(group, 0x3000);
  const el = ds.get(dataTag);
  const rows = getNumber(ds, tag(group, 0x0010));
  const columns = getNumber(ds, tag(group, 0x0011));
  if (!el?.value || !rows || !columns) return 0;
  const flip = byteFlip(ds, el.vr);
  const value = el.value;
  let out: Uint8Array | undefined;
  let cleared = 0;
  for (const r of rects) {
    const r0 = Math.max(0, r.y);
    const r1 = Math.min(rows, r.y + r.h);
    const c0 = Math.max(0, r.x);
    const c1 = Math.min(columns, r.x + r.w);
    for (let row = r0; row < r1; row++) {
      for (let col = c0; col < c1; col++) {
        const bit = (frame * rows + row) * columns + col;
        const at = Math.floor(bit / 8) ^ flip;
        const mask = 1 << bit % 8;
        if (at >= value.length || ((out ?? value)[at] & mask) === 0) continue;
        out ??= value.slice();
        out[at] &= ~mask;
        cleared++;
      }
    }
  }
  if (out) ds.put({ tag: dataTag, vr: el.vr, length: out.length, offset: -1, value: out });
  return cleared;
}

/** Clears the bits of one overlay group inside the rectangles (image coordinates); returns the set bits cleared. */
function cleanGroup(ds: Dataset, group: number, perFrame: ReadonlyMap<number, readonly Rect[]>, imageFrames: number): number {
  const origin = getNumbers(ds, tag(group, 0x0050));
  // PS3.3 C.9.2.1.1: Overlay Origin is row\column of the overlay's first pixel, 1-based.
  const originRow = (origin[0] ?? 1) - 1;
  const originColumn = (origin[1] ?? 1) - 1;
  const frames = overlayFrames(ds, group);
  const frameOrigin = getNumber(ds, tag(group, 0x0051)) ?? NaN;
  let cleared = 0;
  for (let k = 0; k < frames; k++) {
    const rects = rectsForOverlayFrame(perFrame, imageFrames, frames, frameOrigin, k).map((r) => ({ ...r, x: r.x - originColumn, y: r.y - originRow }));
    cleared += clearOverlayBits(ds, group, k, rects);
  }
  return cleared;
}

/**
 * Clears Overlay Data (60xx,3000) bits that fall inside the rectangles (image pixel coordinates,
 * mapped through Overlay Origin (60xx,0050) and, for multi-frame overlays, Image Frame Origin
 * (60xx,0051)). An overlay group is rewritten only when one of its set bits is cleared. Overlays
 * kept in unused high bits of Pixel Data (retired) are cleared by the pixel redaction itself.
 */
export function cleanOverlays(file: DicomFile, rects: RectsByFrame): OverlayCleaning {
  const ds = file.dataset;
  const columns = getNumber(ds, tag(0x0028, 0x0011)) ?? 0;
  const rows = getNumber(ds, tag(0x0028, 0x0010)) ?? 0;
  const frames = Math.max(1, Math.floor(getNumber(ds, tag(0x0028, 0x0008)) ?? 1));
  let overlays = 0;
  let changed = 0;
  let bitsCleared = 0;
  const perFrame = rectsPerFrame(rects, { columns: columns || 0xffff, rows: rows || 0xffff, frames });
  for (let group = 0x6000; group <= 0x601e; group += 2) {
    if (!ds.has(tag(group, 0x3000))) continue;
    overlays++;
    const n = cleanGroup(ds, group, perFrame, frames);
    if (n > 0) changed++;
    bitsCleared += n;
  }
  return { overlays, changed, bitsCleared };
}
