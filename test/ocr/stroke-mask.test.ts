import assert from "node:assert/strict";
import { test } from "node:test";
import type { GreyImage } from "../../src/ocr/raster.js";
import { dropThick, extremeLevel, growInto, inkSpikes, integralMask, strokeMasks } from "../../src/ocr/stroke-mask.js";
import { seededUnit } from "../helpers/random.js";

/** Brute force: clear pixels inside any full k x k window that lies in the image. */
function dropThickSlow(mask: Uint8Array, w: number, h: number, k: number): number[] {
  const thick = new Uint8Array(w * h);
  for (let y = 0; y + k <= h; y++) {
    for (let x = 0; x + k <= w; x++) {
      let full = true;
      for (let dy = 0; dy < k && full; dy++) for (let dx = 0; dx < k && full; dx++) full = mask[(y + dy) * w + x + dx] !== 0;
      if (full) for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) thick[(y + dy) * w + x + dx] = 1;
    }
  }
  return [...mask].map((v, i) => (v !== 0 && thick[i] === 0 ? 1 : 0));
}

test("when dropping thick parts then the result equals a brute-force binary opening", () => {
  const rnd = seededUnit(11);
  for (let t = 0; t < 60; t++) {
    const w = 6 + Math.floor(rnd() * 20);
    const h = 6 + Math.floor(rnd() * 20);
    // Odd k take the SIMD opening, even k the run lengths.
    const k = [3, 5, 4, 6][t % 4];
    const p = 0.5 + rnd() * 0.5;
    const mask = Uint8Array.from({ length: w * h }, () => (rnd() < p ? 1 : 0));
    assert.deepEqual([...dropThick(mask, w, h, k)], dropThickSlow(mask, w, h, k), `case ${t}`);
  }
});

test("when a glyph touches a solid bar then the bar is dropped and the glyph's strokes stay", () => {
  // A 1-px wide "L" at x = 2 touching a 6 x 6 solid block at x = 4..9.
  const w = 12;
  const h = 10;
  const mask = new Uint8Array(w * h);
  for (let y = 1; y < 8; y++) mask[y * w + 2] = 1;
  mask[7 * w + 3] = 1;
  for (let y = 2; y < 8; y++) for (let x = 4; x < 10; x++) mask[y * w + x] = 1;
  const out = dropThick(mask, w, h, 5);
  assert.equal(out[4 * w + 2], 1);
  assert.equal(out[7 * w + 3], 1);
  assert.equal(out[4 * w + 6], 0);
});

test("when seeds grow into a mask then only 8-neighbours inside the mask are added", () => {
  const w = 5;
  const seeds = new Uint8Array(25);
  seeds[12] = 1;
  const within = new Uint8Array(25).fill(1);
  within[13] = 0;
  const out = growInto(seeds, within, w, 5);
  assert.equal(out.reduce((a, b) => a + b, 0), 8);
  assert.equal(out[13], 0);
  assert.equal(out[0], 0);
});

test("when strokes pile up on one grey value then it is an ink spike, and spread values make none", () => {
  const n = 400;
  const values = new Uint8Array(n);
  const response = new Uint8Array(n).fill(200);
  for (let i = 0; i < n; i++) values[i] = i < 200 ? 180 : (i * 37) % 256;
  assert.deepEqual(inkSpikes(values, response, 80, 3), [180]);
  const spread = Uint8Array.from({ length: n }, (_, i) => (i * 37) % 256);
  assert.deepEqual(inkSpikes(spread, response, 80, 3), []);
});

test("when light glyphs are drawn at the frame's top value then they are in the exact mask and the ground is not", () => {
  const w = 40;
  const h = 20;
  const img: GreyImage = { width: w, height: h, channels: 1, data: new Uint8Array(w * h).fill(30) };
  for (let y = 5; y < 14; y++) for (const x of [5, 9, 14, 18]) img.data[y * w + x] = 255;
  assert.equal(extremeLevel(img, "bright"), 255);
  const m = strokeMasks(img, "bright");
  assert.equal(m.levels[0], 255);
  assert.equal(m.exact[8 * w + 9], 1);
  assert.equal(m.any[8 * w + 30], 0);
  assert.equal(m.levelDistance[255], 0);
});

test("when a summed-area table is written into a used buffer then it equals a fresh one", () => {
  const w = 7;
  const h = 5;
  const mask = Uint8Array.from({ length: w * h }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0);
  const dirty = new Int32Array((w + 1) * (h + 1) + 9).fill(-3);
  const fresh = integralMask(mask, w, h);
  assert.deepEqual([...integralMask(mask, w, h, dirty).subarray(0, fresh.length)], [...fresh]);
  assert.equal(fresh[fresh.length - 1], mask.reduce((a, b) => a + b, 0));
});
