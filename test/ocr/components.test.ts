import assert from "node:assert/strict";
import { test } from "node:test";
import { connectedComponents } from "../../src/ocr/components.js";
import { seededUnit } from "../helpers/random.js";

test("when pixels touch diagonally then they form one 8-connected component", () => {
  // 1 0 0 1
  // 0 1 0 1
  // 0 0 0 1
  const mask = Uint8Array.from([1, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 1]);
  const grey = Uint8Array.from([9, 0, 0, 5, 0, 7, 0, 6, 0, 0, 0, 4]);
  const comps = connectedComponents(mask, 4, 3, grey).sort((a, b) => a.x0 - b.x0);
  assert.deepEqual(comps, [
    { x0: 0, y0: 0, x1: 2, y1: 2, area: 2, peak: 9, floor: 7 },
    { x0: 3, y0: 0, x1: 4, y1: 3, area: 3, peak: 6, floor: 4 },
  ]);
});

test("when masks of different sizes are labelled one after another then reused working memory changes nothing", () => {
  const big = new Uint8Array(40 * 30);
  for (let y = 5; y < 25; y++) big[y * 40 + 10] = 1;
  for (let x = 20; x < 35; x++) big[12 * 40 + x] = 1;
  const first = connectedComponents(big, 40, 30);
  const small = Uint8Array.from([1, 0, 1, 0]);
  assert.equal(connectedComponents(small, 2, 2).length, 1);
  assert.deepEqual(connectedComponents(small, 4, 1).map((c) => c.area), [1, 1]);
  assert.deepEqual(connectedComponents(big, 40, 30), first);
  assert.equal(first.length, 2);
});

/** Reference: a plain 8-connected flood fill, components in the raster order of their first pixel. */
function floodFill(mask: Uint8Array, w: number, h: number, grey?: Uint8Array): unknown[] {
  const seen = new Uint8Array(w * h);
  const out: unknown[] = [];
  for (let s = 0; s < w * h; s++) {
    if (mask[s] === 0 || seen[s] === 1) continue;
    const c = { x0: w, y0: h, x1: 0, y1: 0, area: 0, peak: 0, floor: 255 };
    const todo = [s];
    seen[s] = 1;
    while (todo.length > 0) {
      const p = todo.pop() ?? 0;
      const x = p % w;
      const y = (p - x) / w;
      c.area++;
      c.x0 = Math.min(c.x0, x);
      c.y0 = Math.min(c.y0, y);
      c.x1 = Math.max(c.x1, x + 1);
      c.y1 = Math.max(c.y1, y + 1);
      if (grey) {
        c.peak = Math.max(c.peak, grey[p]);
        c.floor = Math.min(c.floor, grey[p]);
      }
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const q = (y + dy) * w + x + dx;
          if (x + dx >= 0 && x + dx < w && y + dy >= 0 && y + dy < h && mask[q] !== 0 && seen[q] === 0) {
            seen[q] = 1;
            todo.push(q);
          }
        }
      }
    }
    out.push(c);
  }
  return out;
}

test("when random masks are labelled then the runs' components equal a flood fill's, in the same order", () => {
  const rnd = seededUnit(17);
  for (let t = 0; t < 200; t++) {
    const w = 1 + Math.floor(rnd() * 40);
    const h = 1 + Math.floor(rnd() * 25);
    const p = rnd();
    const mask = Uint8Array.from({ length: w * h }, () => (rnd() < p ? 1 + Math.floor(rnd() * 2) : 0));
    const grey = t % 2 === 0 ? Uint8Array.from({ length: w * h }, () => Math.floor(rnd() * 256)) : undefined;
    assert.deepEqual(connectedComponents(mask, w, h, grey), floodFill(mask, w, h, grey), `case ${t} ${w}x${h}`);
  }
});
