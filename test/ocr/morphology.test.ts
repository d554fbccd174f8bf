import assert from "node:assert/strict";
import { test } from "node:test";
import { blackTopHat, dilate, erode, whiteTopHat } from "../../src/ocr/morphology.js";
import type { GreyImage } from "../../src/ocr/raster.js";
import { bruteMinMax } from "./brute-force.js";
import { seededUnit } from "../helpers/random.js";

/** Brute-force k x k min or max of an image, outside ignored. */
const bruteForce = (img: GreyImage, k: number, max: boolean): number[] => bruteMinMax(img.data, img.width, img.height, k, max);

test("when eroding and dilating then results equal a brute-force min/max filter", () => {
  let seed = 7;
  const data = Uint8Array.from({ length: 19 * 13 }, () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 256);
  const img: GreyImage = { width: 19, height: 13, channels: 1, data };
  for (const k of [3, 5, 9]) {
    assert.deepEqual([...erode(img, k).data], bruteForce(img, k, false), `erode k=${k}`);
    assert.deepEqual([...dilate(img, k).data], bruteForce(img, k, true), `dilate k=${k}`);
  }
});

test("when the SIMD path is turned off then the JavaScript filters give the same results", () => {
  let seed = 5;
  const data = Uint8Array.from({ length: 23 * 17 }, () => (seed = (seed * 1103515245 + 12345) % 2147483648) % 256);
  const img: GreyImage = { width: 23, height: 17, channels: 1, data };
  for (const k of [3, 5, 9, 15]) {
    assert.deepEqual([...erode(img, k, { simd: false }).data], bruteForce(img, k, false), `erode k=${k}`);
    assert.deepEqual([...dilate(img, k, { simd: false }).data], bruteForce(img, k, true), `dilate k=${k}`);
    assert.deepEqual([...erode(img, k, { simd: false }).data], [...erode(img, k).data], `erode k=${k}, both paths`);
  }
});

test("when a thin bright line crosses a flat ground then the white top-hat keeps only the line", () => {
  const img: GreyImage = { width: 20, height: 20, channels: 1, data: new Uint8Array(400).fill(50) };
  for (let x = 0; x < 20; x++) img.data[10 * 20 + x] = 200;
  const white = whiteTopHat(img, 5);
  assert.equal(white.data[10 * 20 + 5], 150);
  assert.equal(white.data[3 * 20 + 5], 0);
  assert.equal(blackTopHat(img, 5).data[10 * 20 + 5], 0);
});

test("when top-hats run on the SIMD path then they equal the JavaScript filters' top-hats", () => {
  const rnd = seededUnit(29);
  for (let t = 0; t < 20; t++) {
    const width = 1 + Math.floor(rnd() * 45);
    const height = 1 + Math.floor(rnd() * 30);
    const img: GreyImage = { width, height, channels: 1, data: Uint8Array.from({ length: width * height }, () => Math.floor(rnd() * 256)) };
    const k = 1 + Math.floor(rnd() * 12);
    assert.deepEqual([...whiteTopHat(img, k).data], [...whiteTopHat(img, k, { simd: false }).data], `white ${width}x${height} k=${k}`);
    assert.deepEqual([...blackTopHat(img, k).data], [...blackTopHat(img, k, { simd: false }).data], `black ${width}x${height} k=${k}`);
  }
});
