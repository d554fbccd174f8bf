import assert from "node:assert/strict";
import { test } from "node:test";
import { faintInkPieces } from "../../src/ocr/faint-ink.js";
import type { GreyImage } from "../../src/ocr/raster.js";
import type { TextLine } from "../../src/ocr/text-lines.js";
import { seededUnit } from "../helpers/random.js";

const W = 120;
const H = 80;

/** Light ground (200) with a band of dark speckle (grey 20-50, a fixed pseudo-random sequence) over rows [y0, y1) and columns [x0, x1). */
function ground(speckle: { x0: number; x1: number; y0: number; y1: number } | undefined): GreyImage {
  const img: GreyImage = { width: W, height: H, channels: 1, data: new Uint8Array(W * H).fill(200) };
  const next = seededUnit(7);
  if (speckle) for (let y = speckle.y0; y < speckle.y1; y++) for (let x = speckle.x0; x < speckle.x1; x++) img.data[y * W + x] = 20 + Math.floor(next() * 31);
  return img;
}

/** Hollow 4 x 8 glyph-like boxes in ink 0, 7 px apart, over columns [x0, x1) from row y. */
function drawRow(img: GreyImage, y: number, x0 = 10, x1 = 52): void {
  for (let gx = x0; gx + 4 <= x1; gx += 7) {
    for (let yy = y; yy < y + 8; yy++) for (let x = gx; x < gx + 4; x++) if (yy === y || yy === y + 7 || x === gx || x === gx + 3) img.data[yy * W + x] = 0;
  }
}

/** A detected dark line around a row drawn by drawRow. */
function line(y: number, x0 = 10, x1 = 52, score = 0.9): TextLine {
  return { box: { x: x0 - 1, y: y - 1, w: x1 - x0 + 2, h: 10 }, polarity: "dark", charHeight: 8, glyphs: 6, level: 0, score };
}

/** Three rows on light ground at rows 32, 44 and 56, and their lines. */
function stackOnLight(img: GreyImage): TextLine[] {
  for (const y of [32, 44, 56]) drawRow(img, y);
  return [32, 44, 56].map((y) => line(y));
}

test("when the row above a stack is drawn over dark speckle then it is found as a faint piece", () => {
  const img = ground({ x0: 0, x1: W, y0: 0, y1: 30 });
  const lines = stackOnLight(img);
  drawRow(img, 20);
  const pieces = faintInkPieces(img, lines);
  assert.equal(pieces.length, 1, JSON.stringify(pieces.map((p) => p.box)));
  const [p] = pieces;
  assert.equal(p.faint, true);
  assert.equal(p.polarity, "dark");
  assert.ok(p.box.y <= 20 && p.box.y + p.box.h >= 28, JSON.stringify(p.box));
  assert.ok(p.box.x <= 10 && p.box.x + p.box.w >= 49, JSON.stringify(p.box)); // glyphs at x 10-48
});

test("when a row runs on from light ground onto dark speckle then its rest is a faint piece", () => {
  const img = ground({ x0: 60, x1: W, y0: 0, y1: H });
  const lines = stackOnLight(img);
  drawRow(img, 56, 52, 108); // the last row goes on past its detected end
  const pieces = faintInkPieces(img, lines);
  assert.equal(pieces.length, 1, JSON.stringify(pieces.map((p) => p.box)));
  const b = pieces[0].box;
  assert.ok(b.x <= 61 && b.x + b.w >= 106 && b.y === 55, JSON.stringify(b));
});

test("when only speckle lies above or beside a stack then no piece is found", () => {
  const img = ground({ x0: 0, x1: W, y0: 0, y1: 30 });
  assert.deepEqual(faintInkPieces(img, stackOnLight(img)), []);
  const side = ground({ x0: 60, x1: W, y0: 0, y1: H });
  assert.deepEqual(faintInkPieces(side, stackOnLight(side)), []);
});

test("when a solid bar at the ink level crosses the speckle where a row would be then it is no piece", () => {
  const img = ground({ x0: 0, x1: W, y0: 0, y1: 30 });
  const lines = stackOnLight(img);
  for (let y = 20; y < 28; y++) img.data.fill(0, y * W, (y + 1) * W);
  assert.deepEqual(faintInkPieces(img, lines), []);
});

test("when the ground above the stack is the ink's own grey then text there leaves no trace and nothing is found", () => {
  const img = ground(undefined);
  img.data.fill(0, 0, 30 * W);
  const lines = stackOnLight(img);
  drawRow(img, 20);
  assert.deepEqual(faintInkPieces(img, lines), []);
});

test("when a line is not clearly text then its row is not followed", () => {
  const img = ground({ x0: 60, x1: W, y0: 0, y1: H });
  drawRow(img, 32, 10, 108);
  assert.equal(faintInkPieces(img, [line(32, 10, 52, 0.9)]).length, 1);
  assert.deepEqual(faintInkPieces(img, [line(32, 10, 52, 0.4)]), []);
});

test("when stack rows and row ends are looked for then pieces never overlap a detected line", () => {
  const img = ground({ x0: 0, x1: W, y0: 0, y1: 30 });
  const lines = stackOnLight(img);
  drawRow(img, 20);
  lines.push(line(20, 31, 52));
  const pieces = faintInkPieces(img, lines);
  for (const p of pieces) for (const l of lines) {
    const w = Math.min(p.box.x + p.box.w, l.box.x + l.box.w) - Math.max(p.box.x, l.box.x);
    const h = Math.min(p.box.y + p.box.h, l.box.y + l.box.h) - Math.max(p.box.y, l.box.y);
    assert.ok(w <= 0 || h <= 0 || w * h < 0.5 * p.box.w * p.box.h, JSON.stringify([p.box, l.box]));
  }
});

test("when the faint row of a stack touches the image's top edge then the gap rows below it are its ground", () => {
  const img = ground({ x0: 0, x1: W, y0: 0, y1: 30 });
  const lines = [20, 32, 44].map((y) => {
    for (let yy = y - 2; yy < y + 10; yy++) img.data.fill(200, yy * W, (yy + 1) * W); // light ground under each row
    drawRow(img, y);
    return line(y);
  });
  drawRow(img, 8);
  const pieces = faintInkPieces(img, lines);
  assert.ok(pieces.some((p) => p.box.y <= 8 && p.box.y + p.box.h >= 16), JSON.stringify(pieces.map((p) => p.box)));
  // With the row at the very top (no gap rows above it), it is still found.
  const top = ground({ x0: 0, x1: W, y0: 0, y1: 18 });
  const rows = [12, 24, 36].map((y) => {
    for (let yy = y - 1; yy < y + 10; yy++) top.data.fill(200, yy * W, (yy + 1) * W);
    drawRow(top, y);
    return line(y);
  });
  drawRow(top, 0);
  const found = faintInkPieces(top, rows);
  assert.ok(found.some((p) => p.box.y === 0 && p.box.h >= 6), JSON.stringify(found.map((p) => p.box)));
});

test("when a lone, clearly text-like row has a faint row just below it then that row is found at its own pitch", () => {
  const img = ground({ x0: 0, x1: W, y0: 44, y1: H });
  drawRow(img, 32);
  drawRow(img, 45); // 13 px below, over the speckle
  const pieces = faintInkPieces(img, [line(32, 10, 52, 0.95)]);
  assert.ok(pieces.some((p) => p.box.y <= 45 && p.box.y + p.box.h >= 53 && p.box.x <= 10), JSON.stringify(pieces.map((p) => p.box)));
  // A lone line that is less surely text is not given rows of its own.
  assert.deepEqual(faintInkPieces(img, [line(32, 10, 52, 0.8)]), []);
});

test("when a lone row's faint neighbour is found then the stack they make is followed on at that pitch", () => {
  const img = ground({ x0: 0, x1: W, y0: 0, y1: 30 });
  drawRow(img, 32);
  drawRow(img, 19); // one pitch (13 px) above, over the speckle
  drawRow(img, 6); // and one more
  const pieces = faintInkPieces(img, [line(32, 10, 52, 0.95)]);
  for (const y of [19, 6]) assert.ok(pieces.some((p) => p.box.y <= y && p.box.y + p.box.h >= y + 8), `${y}: ${JSON.stringify(pieces.map((p) => p.box))}`);
});
