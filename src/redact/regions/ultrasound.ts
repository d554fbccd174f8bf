// Ultrasound data areas (PS3.3 C.8.5.5 US Region Calibration) and the rectangles outside them.
import type { Dataset } from "../../core/dataset.js";
import { tag } from "../../core/tag.js";
import { getNumber } from "../../dataset/values.js";
import { clipRect } from "../rects.js";
import type { Rect } from "../types.js";

const T = {
  regions: tag(0x0018, 0x6011),
  minX0: tag(0x0018, 0x6018), minY0: tag(0x0018, 0x601a), maxX1: tag(0x0018, 0x601c), maxY1: tag(0x0018, 0x601e),
};

/**
 * The data areas of Sequence of Ultrasound Regions (0018,6011): Region Location Min X0, Min Y0,
 * Max X1, Max Y1 are inclusive pixel bounds (PS3.3 C.8.5.5.1.1). Items lacking one, or with
 * max < min, are skipped.
 */
export function ultrasoundRegions(ds: Dataset): Rect[] {
  const out: Rect[] = [];
  for (const item of ds.get(T.regions)?.items ?? []) {
    const d = item.dataset;
    const [x0, y0, x1, y1] = [T.minX0, T.minY0, T.maxX1, T.maxY1].map((t) => getNumber(d, t));
    if ([x0, y0, x1, y1].some((v) => v === undefined || !Number.isFinite(v))) continue;
    if (x1! < x0! || y1! < y0!) continue;
    out.push({ x: x0!, y: y0!, w: x1! - x0! + 1, h: y1! - y0! + 1 });
  }
  return out;
}

/** Merges sorted half-open intervals. */
function merge(intervals: [number, number][]): [number, number][] {
  intervals.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of intervals) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Rectangles that cover exactly the pixels of a width x height image outside every `keep`
 * rectangle: horizontal bands between the keep rectangles' top and bottom edges, each split at
 * the kept intervals; a band's gaps merge with the band above when they are the same.
 */
export function complementRects(keep: readonly Rect[], width: number, height: number): Rect[] {
  const kept = keep.map((r) => clipRect(r, width, height)).filter((r): r is Rect => r !== undefined);
  const edges = [...new Set([0, height, ...kept.flatMap((r) => [r.y, r.y + r.h])])].sort((a, b) => a - b);
  const out: Rect[] = [];
  let open: Rect[] = [];
  for (let k = 0; k + 1 < edges.length; k++) {
    const y0 = edges[k];
    const y1 = edges[k + 1];
    const covered = merge(kept.filter((r) => r.y < y1 && r.y + r.h > y0).map((r) => [r.x, r.x + r.w] as [number, number]));
    const gaps: [number, number][] = [];
    let x = 0;
    for (const [a, b] of covered) {
      if (a > x) gaps.push([x, a]);
      x = Math.max(x, b);
    }
    if (x < width) gaps.push([x, width]);
    const same = open.length === gaps.length && open.every((r, i) => r.x === gaps[i][0] && r.x + r.w === gaps[i][1]);
    if (same) {
      open = open.map((r) => ({ ...r, h: y1 - r.y }));
    } else {
      out.push(...open);
      open = gaps.map(([a, b]) => ({ x: a, y: y0, w: b - a, h: y1 - y0 }));
    }
  }
  out.push(...open);
  return out;
}
