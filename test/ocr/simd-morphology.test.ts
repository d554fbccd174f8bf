import assert from "node:assert/strict";
import { test } from "node:test";
import { simdFilter, simdFilters } from "../../src/ocr/simd-morphology.js";
import { seededUnit } from "../helpers/random.js";
import { bruteMinMax as bruteForce } from "./brute-force.js";

test("when SIMD filters images of many shapes then every pixel equals a brute-force min or max", () => {
  const rnd = seededUnit(3);
  for (let t = 0; t < 80; t++) {
    // Widths below, at and above the 16-pixel vector, and windows wider than the image.
    const w = 1 + Math.floor(rnd() * 40);
    const h = 1 + Math.floor(rnd() * 30);
    const k = 1 + 2 * Math.floor(rnd() * 9);
    const data = Uint8Array.from({ length: w * h }, () => Math.floor(rnd() * 256));
    for (const max of [false, true]) {
      const got = simdFilter(data, w, h, k, max);
      assert.ok(got !== undefined, "WebAssembly SIMD runs on every supported Node");
      assert.deepEqual([...got], bruteForce(data, w, h, k, max), `case ${t} ${w}x${h} k=${k} max=${max}`);
    }
  }
});

test("when the outside of the image is read as empty then squares reaching past an edge are not solid", () => {
  const w = 9;
  const h = 6;
  const data = new Uint8Array(w * h).fill(1);
  const got = simdFilter(data, w, h, 5, false, 0);
  assert.deepEqual([...(got ?? [])], bruteForce(data, w, h, 5, false, 0));
  assert.equal(got?.[0], 0);
  assert.equal(got?.[2 * w + 2], 1);
});

test("when a result is returned then it is a copy that later calls do not overwrite", () => {
  const a = Uint8Array.from({ length: 64 }, (_, i) => i);
  const first = simdFilter(a, 8, 8, 3, true);
  const copy = [...(first ?? [])];
  simdFilter(new Uint8Array(400).fill(9), 20, 20, 5, false);
  assert.deepEqual([...(first ?? [])], copy);
});

test("when an image is too large for the SIMD working memory then the filter declines", () => {
  assert.equal(simdFilter(new Uint8Array(1), 20000, 1000, 3, false), undefined);
});

test("when an image has no pixels then the filter returns an empty result without running past its memory", () => {
  assert.deepEqual([...(simdFilter(new Uint8Array(0), 0, 5, 9, false) ?? [1])], []);
  assert.deepEqual([...(simdFilter(new Uint8Array(0), 7, 0, 9, true) ?? [1])], []);
});

test("when passes run one after another then each reads the last one's result (an opening equals min then max)", () => {
  const rnd = seededUnit(41);
  for (let t = 0; t < 30; t++) {
    const w = 1 + Math.floor(rnd() * 35);
    const h = 1 + Math.floor(rnd() * 25);
    const k = 1 + 2 * Math.floor(rnd() * 5);
    const data = Uint8Array.from({ length: w * h }, () => Math.floor(rnd() * 256));
    const eroded = Uint8Array.from(bruteForce(data, w, h, k, false, 0));
    const expected = bruteForce(eroded, w, h, k, true);
    const got = simdFilters(data, w, h, k, [{ max: false, outside: 0 }, { max: true }], (view) => [...view]);
    assert.deepEqual(got, expected, `case ${t} ${w}x${h} k=${k}`);
  }
});
