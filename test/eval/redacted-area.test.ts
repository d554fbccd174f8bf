import assert from "node:assert/strict";
import { test } from "node:test";
import { maskToRects, redactedArea } from "../../src/eval/redacted-area.js";
import { greyFrame, paintFrame } from "./helpers.js";

/** A textured 8-bit frame (values 50..249), so that any fill changes every pixel it covers. */
function textured(width: number, height: number) {
  const f = greyFrame(width, height, 0);
  for (let i = 0; i < f.pixels.length; i++) f.pixels[i] = 50 + ((i * 7919) % 200);
  return f;
}

test("when nothing changed then the redacted area is empty", () => {
  const f = textured(40, 30);
  const a = redactedArea(f, f);
  assert.equal(a.redacted, 0);
  assert.deepEqual(a.rects, []);
});

test("when one rectangle is filled then exactly that rectangle is found", () => {
  const f = textured(40, 30);
  const a = redactedArea(f, paintFrame(f, [{ x: 5, y: 6, w: 10, h: 4 }], 0));
  assert.deepEqual(a.rects, [{ x: 5, y: 6, w: 10, h: 4 }]);
  assert.equal(a.redacted, 40);
  assert.equal(a.changed, 40);
});

test("when two touching rectangles make an L then the image between its arms is not claimed", () => {
  const f = textured(60, 60);
  const out = paintFrame(f, [{ x: 0, y: 0, w: 50, h: 5 }, { x: 0, y: 5, w: 5, h: 40 }], 0);
  const a = redactedArea(f, out);
  assert.equal(a.redacted, 50 * 5 + 5 * 40);
  assert.deepEqual(a.rects, [{ x: 0, y: 0, w: 50, h: 5 }, { x: 0, y: 5, w: 5, h: 40 }]);
});

test("when a black fill hides white text on black then the gaps between strokes are closed", () => {
  // Text: vertical strokes 1 px wide, 2 px apart, rows 10..17; background already at the fill (0).
  const strokes = Array.from({ length: 10 }, (_, i) => ({ x: 10 + i * 3, y: 10, w: 1, h: 8 }));
  const original = paintFrame(greyFrame(64, 40, 0), strokes, 255);
  const a = redactedArea(original, greyFrame(64, 40, 0), { grow: 0 });
  assert.equal(a.changed, 80);
  assert.deepEqual(a.rects, [{ x: 10, y: 10, w: 28, h: 8 }]);
  // With growth, the box extends by 2 px per side over the fill-valued margin.
  assert.deepEqual(redactedArea(original, greyFrame(64, 40, 0)).rects, [{ x: 8, y: 8, w: 32, h: 12 }]);
});

test("when two redacted lines are 6 px apart then they stay two rectangles", () => {
  const line = (y: number) => Array.from({ length: 5 }, (_, i) => ({ x: 4 + i * 3, y, w: 2, h: 5 }));
  const original = paintFrame(greyFrame(40, 40, 0), [...line(5), ...line(16)], 200);
  const a = redactedArea(original, greyFrame(40, 40, 0), { grow: 0 });
  assert.deepEqual(a.rects, [{ x: 4, y: 5, w: 14, h: 5 }, { x: 4, y: 16, w: 14, h: 5 }]);
});

test("when a mask is cut into rectangles then the cut is exact", () => {
  const mask = new Uint8Array(6 * 4);
  for (const p of [0, 1, 6, 7, 12, 13, 14, 20]) mask[p] = 1;
  const rects = maskToRects(mask, 6, 4);
  assert.deepEqual(rects, [{ x: 0, y: 0, w: 2, h: 2 }, { x: 0, y: 2, w: 3, h: 1 }, { x: 2, y: 3, w: 1, h: 1 }]);
});
