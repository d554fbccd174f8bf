import assert from "node:assert/strict";
import { test } from "node:test";
import { connectedComponents } from "../../src/ocr/components.js";

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
