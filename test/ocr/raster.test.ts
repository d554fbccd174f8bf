import assert from "node:assert/strict";
import { test } from "node:test";
import { clampBox, crop, encodePgm, encodePnm, invert, pad, scale, shrink, stretch, toGrey, type GreyImage } from "../../src/ocr/raster.js";

const img: GreyImage = { width: 3, height: 2, channels: 1, data: Uint8Array.from([0, 10, 20, 30, 40, 50]) };

test("when cropping then the rectangle is copied and clamped to the image", () => {
  assert.deepEqual([...crop(img, { x: 1, y: 0, w: 5, h: 5 }).data], [10, 20, 40, 50]);
  assert.deepEqual(clampBox({ x: -1.5, y: 0.5, w: 2, h: 9 }, 3, 2), { x: 0, y: 0, w: 1, h: 2 });
});

test("when scaling by 2 then size doubles and corners keep their values", () => {
  const s = scale(img, 2);
  assert.equal(s.width, 6);
  assert.equal(s.height, 4);
  assert.equal(s.data[0], 0);
  assert.equal(s.data[s.data.length - 1], 50);
  assert.throws(() => scale(img, 0), /"factor"/);
});

test("when inverting, stretching and padding then values and sizes follow", () => {
  assert.deepEqual([...invert(img).data], [255, 245, 235, 225, 215, 205]);
  assert.deepEqual([...stretch(img, 10, 50).data], [0, 0, 64, 128, 191, 255]);
  const p = pad(img, 1, 9);
  assert.equal(p.width, 5);
  assert.equal(p.height, 4);
  assert.equal(p.data[0], 9);
  assert.equal(p.data[1 * 5 + 1], 0);
});

test("when converting RGBA to grey then luma is used and alpha ignored", () => {
  const grey = toGrey({ width: 1, height: 1, channels: 4, data: Uint8Array.from([255, 0, 0, 7]) });
  assert.equal(grey.data[0], 76);
});

test("when encoding then PGM and PPM headers match the image", () => {
  const pgm = encodePgm(img);
  assert.equal(new TextDecoder().decode(pgm.subarray(0, 11)), "P5\n3 2\n255\n");
  assert.equal(pgm.length, 11 + 6);
  const ppm = encodePnm({ width: 1, height: 1, channels: 3, data: Uint8Array.from([1, 2, 3]) });
  assert.deepEqual([...ppm.subarray(ppm.length - 3)], [1, 2, 3]);
});

test("when shrinking by 2 then each pixel is the mean of its block and partial blocks are dropped", () => {
  const src: GreyImage = { width: 5, height: 3, channels: 1, data: Uint8Array.from([0, 10, 20, 30, 99, 20, 30, 40, 50, 99, 99, 99, 99, 99, 99]) };
  const s = shrink(src, 2);
  assert.equal(s.width, 2);
  assert.equal(s.height, 1);
  assert.deepEqual([...s.data], [15, 35]);
  assert.equal(shrink(src, 1), src);
  assert.throws(() => shrink(src, 0), /"factor"/);
});
