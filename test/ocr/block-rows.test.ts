import assert from "node:assert/strict";
import { test } from "node:test";
import type { GreyImage } from "../../src/ocr/raster.js";
import { findTextLines } from "../../src/ocr/text-lines.js";

/** Six hollow 4 x 8 glyph-like boxes in ink 0 from x = 10 at row `y`. */
function drawRow(img: GreyImage, y: number): void {
  for (let g = 0; g < 6; g++) {
    const x0 = 10 + g * 7;
    for (let yy = y; yy < y + 8; yy++) for (let x = x0; x < x0 + 4; x++) if (yy === y || yy === y + 7 || x === x0 || x === x0 + 3) img.data[yy * img.width + x] = 0;
  }
}

/** Dark ground (grey 45, too close to the ink for a line alone) above row 24, light ground below. */
function ground(): GreyImage {
  const img: GreyImage = { width: 80, height: 48, channels: 1, data: new Uint8Array(80 * 48) };
  for (let y = 0; y < 48; y++) img.data.fill(y < 24 ? 45 : 200, y * 80, (y + 1) * 80);
  return img;
}

test("when a dark row over dark ground stands alone then it is not a text line", () => {
  const img = ground();
  drawRow(img, 10);
  assert.deepEqual(findTextLines(img, { polarity: "dark" }), []);
});

test("when the same row sits just above an accepted row of its block then it is found too", () => {
  const img = ground();
  drawRow(img, 12);
  drawRow(img, 26);
  const lines = findTextLines(img, { polarity: "dark" });
  assert.equal(lines.length, 2, JSON.stringify(lines.map((l) => l.box)));
  assert.ok(lines[0].box.y <= 12 && lines[0].box.y + lines[0].box.h >= 20, JSON.stringify(lines[0].box));
  assert.equal(findTextLines(img, { polarity: "dark", minRowContrast: 60 }).length, 1);
});

test("when a long stack of candidate rows continues one seed then at most maxRows of them join", async () => {
  const { blockRows } = await import("../../src/ocr/block-rows.js");
  const row = (y: number) => ({ box: { x: 10, y, w: 60, h: 8 }, polarity: "dark", level: 0, charHeight: 8 }) as unknown as Parameters<typeof blockRows>[0][number];
  const seed = row(0);
  const pool = Array.from({ length: 300 }, (_, k) => row(10 * (k + 1)));
  assert.equal(blockRows([seed], pool, () => true, 16).length, 16);
});
