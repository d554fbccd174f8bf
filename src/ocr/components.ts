/**
 * 8-connected component labelling of a binary mask, with each component's box, area and the
 * extreme grey values it reaches in a companion image.
 *
 * Runs of set pixels are found row by row and joined to the runs of the row above that they touch
 * (diagonals included) in a union-find whose root is always the earliest run, so that components
 * come out in the raster order of their first pixel. A mask is mostly empty, so the work is one
 * pass over its pixels plus a few steps per run, not nine neighbour tests per set pixel.
 */
import { scratchInt32 } from "./scratch.js";

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

/** Root of run `i`, halving the path on the way. */
function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

/** Joins the sets of runs `a` and `b`; the earlier run is the root. */
function union(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}

/** Labels 8-connected components of `mask` (non-zero = set); `grey` supplies peak/floor values. */
export function connectedComponents(mask: Uint8Array, width: number, height: number, grey?: Uint8Array): Component[] {
  // A run takes at least one set pixel and one gap, except at a row's end.
  const maxRuns = height * ((width + 1) >> 1);
  // Per run: row, first column, end column (exclusive), grey peak << 8 | floor.
  const runs = scratchInt32("components-runs", 4 * maxRuns);
  const parent = scratchInt32("components-parent", maxRuns);
  let count = 0;
  let prevStart = 0;
  for (let y = 0; y < height; y++) {
    const rowStart = count;
    const row = y * width;
    let prev = prevStart;
    for (let x = 0; x < width; ) {
      if (mask[row + x] === 0) {
        x++;
        continue;
      }
      const x0 = x;
      let peak = 0;
      let floor = 255;
      if (grey !== undefined) {
        for (; x < width && mask[row + x] !== 0; x++) {
          const v = grey[row + x];
          if (v > peak) peak = v;
          if (v < floor) floor = v;
        }
      } else {
        while (x < width && mask[row + x] !== 0) x++;
      }
      const r = count++;
      runs[4 * r] = y;
      runs[4 * r + 1] = x0;
      runs[4 * r + 2] = x;
      runs[4 * r + 3] = (peak << 8) | floor;
      parent[r] = r;
      // Runs of the row above touching [x0 - 1, x]: they end at or after x0 and start at or before x.
      while (prev < rowStart && runs[4 * prev + 2] < x0) prev++;
      for (let q = prev; q < rowStart && runs[4 * q + 1] <= x; q++) union(parent, r, q);
    }
    prevStart = rowStart;
  }
  const out: Component[] = [];
  // Component index of each root run, plus one (0: not made yet).
  const made = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const root = find(parent, r);
    const y = runs[4 * r];
    const x0 = runs[4 * r + 1];
    const x1 = runs[4 * r + 2];
    const peak = runs[4 * r + 3] >> 8;
    const floor = runs[4 * r + 3] & 255;
    if (made[root] === 0) {
      // A root is its component's earliest run, so components are made in the order of their first pixel.
      out.push({ x0, y0: y, x1, y1: y + 1, area: x1 - x0, peak: grey === undefined ? 0 : peak, floor: grey === undefined ? 255 : floor });
      made[root] = out.length;
    } else {
      const c = out[made[root] - 1];
      if (x0 < c.x0) c.x0 = x0;
      if (x1 > c.x1) c.x1 = x1;
      c.y1 = y + 1;
      c.area += x1 - x0;
      if (grey !== undefined) {
        if (peak > c.peak) c.peak = peak;
        if (floor < c.floor) c.floor = floor;
      }
    }
  }
  return out;
}
