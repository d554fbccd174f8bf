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
