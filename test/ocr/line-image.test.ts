import assert from "node:assert/strict";
import { test } from "node:test";
import { inkMap, lineImage } from "../../src/ocr/line-image.js";
import type { GreyImage } from "../../src/ocr/raster.js";

/** 30 x 12 ground of 60 with a light bar (x 5-6, y 2-9) at the text level 250 and a grey smear (x 15-19) at 150. */
function sample(): GreyImage {
  const w = 30;
  const img: GreyImage = { width: w, height: 12, channels: 1, data: new Uint8Array(w * 12).fill(60) };
  for (let y = 2; y < 10; y++) {
    img.data[y * w + 5] = 250;
    img.data[y * w + 6] = 250;
    for (let x = 15; x < 20; x++) img.data[y * w + x] = 150;
  }
  return img;
}

test("when ink is mapped then text-level strokes turn black, the ground white and grey structures drop out", () => {
  const ink = inkMap(sample(), "bright", 250, 8);
  assert.equal(ink.data[5 * 30 + 5], 0);
  assert.equal(ink.data[5 * 30 + 25], 255);
  assert.equal(ink.data[5 * 30 + 17], 255);
});

test("when dark text is mapped then the polarity is reversed", () => {
  const img = sample();
  const dark: GreyImage = { ...img, data: img.data.map((v) => 255 - v) };
  assert.equal(inkMap(dark, "dark", 5, 8).data[5 * 30 + 6], 0);
});

test("when a line is prepared then it is scaled to the target glyph height inside a white border", () => {
  const line = lineImage(sample(), { box: { x: 3, y: 1, w: 6, h: 10 }, polarity: "bright", level: 250, charHeight: 8 }, { targetCharHeight: 24, border: 4 });
  assert.equal(line.factor, 3);
  assert.equal(line.image.width, 6 * 3 + 8);
  assert.equal(line.image.height, 10 * 3 + 8);
  assert.equal(line.image.data[0], 255);
  // The bar's centre (frame x 5.5, y 5) maps to (4 + 2.5 * 3, 4 + 4 * 3).
  assert.ok(line.image.data[Math.round(4 + 4 * 3) * line.image.width + Math.round(4 + 2.5 * 3)] < 64);
  assert.deepEqual(line.source, { x: 3, y: 1, w: 6, h: 10 });
});

test("when glyphs are already large then they are not shrunk, and upscaling is capped", () => {
  const big = lineImage(sample(), { box: { x: 0, y: 0, w: 30, h: 12 }, polarity: "bright", level: 250, charHeight: 40 });
  assert.equal(big.factor, 1);
  const tiny = lineImage(sample(), { box: { x: 0, y: 0, w: 30, h: 12 }, polarity: "bright", level: 250, charHeight: 1 }, { maxScale: 5 });
  assert.equal(tiny.factor, 5);
});
