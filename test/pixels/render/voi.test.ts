import assert from "node:assert/strict";
import { test } from "node:test";
import type { Window } from "../../../src/pixels/render/display-attributes.js";
import { minMaxFunction, robustFunction, toBytes, valueRange, voiLutFunction, windowFunction } from "../../../src/pixels/render/voi.js";

const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b}`);

// PS3.3 C.11.2.1.2.1 and C.11.2.1.3 with an output range of 0..255.
const windowCases: { name: string; w: Window; x: number; y: number }[] = [
  { name: "LINEAR c2048 w4096 at 0 (lowest level)", w: { center: 2048, width: 4096 }, x: 0, y: 0 },
  { name: "LINEAR c2048 w4096 at 4095 (top level)", w: { center: 2048, width: 4096 }, x: 4095, y: 255 },
  { name: "LINEAR c2048 w4096 at 2047.5 (middle)", w: { center: 2048, width: 4096 }, x: 2047.5, y: 127.5 },
  { name: "LINEAR c50 w101 at 0", w: { center: 50, width: 101 }, x: 0, y: 1.275 },
  { name: "LINEAR c40 w400 at -1024 (below)", w: { center: 40, width: 400 }, x: -1024, y: 0 },
  { name: "LINEAR c40 w400 at 240 (above)", w: { center: 40, width: 400 }, x: 240, y: 255 },
  { name: "LINEAR width 1 is a threshold: below", w: { center: 2048, width: 1 }, x: 2047, y: 0 },
  { name: "LINEAR width 1 is a threshold: above", w: { center: 2048, width: 1 }, x: 2048, y: 255 },
  { name: "LINEAR_EXACT c100 w200 at 0", w: { center: 100, width: 200, function: "LINEAR_EXACT" }, x: 0, y: 0 },
  { name: "LINEAR_EXACT c100 w200 at 50", w: { center: 100, width: 200, function: "LINEAR_EXACT" }, x: 50, y: 63.75 },
  { name: "LINEAR_EXACT c100 w200 at 100", w: { center: 100, width: 200, function: "LINEAR_EXACT" }, x: 100, y: 127.5 },
  { name: "LINEAR_EXACT c100 w200 at 201", w: { center: 100, width: 200, function: "LINEAR_EXACT" }, x: 201, y: 255 },
  { name: "LINEAR_EXACT c0.5 w1 at 0.25 (float data)", w: { center: 0.5, width: 1, function: "LINEAR_EXACT" }, x: 0.25, y: 63.75 },
  { name: "SIGMOID c100 w50 at the centre", w: { center: 100, width: 50, function: "SIGMOID" }, x: 100, y: 127.5 },
  { name: "SIGMOID c100 w50 one width above", w: { center: 100, width: 50, function: "SIGMOID" }, x: 150, y: 255 / (1 + Math.exp(-4)) },
  { name: "SIGMOID c100 w50 one width below", w: { center: 100, width: 50, function: "SIGMOID" }, x: 50, y: 255 / (1 + Math.exp(4)) },
];

for (const c of windowCases) {
  test(`when the window is ${c.name} then the output is ${c.y.toFixed(3)}`, () => {
    close(windowFunction(c.w)(c.x), c.y, 1e-9);
  });
}

test("when a VOI LUT maps a value then its entry is scaled from 2^bits-1 to 255", () => {
  const f = voiLutFunction({ firstMapped: 10, bits: 12, data: Uint16Array.from([0, 4095, 2048]) });
  close(f(10), 0);
  close(f(11), 255);
  close(f(12), (2048 * 255) / 4095);
  close(f(-5), 0); // below the first value: the first entry (PS3.3 C.11.2.1.1)
  close(f(99), (2048 * 255) / 4095); // above the last: the last entry
});

test("when the value range is measured then min, max and the 0.5/99.5 percentiles come out", () => {
  const values = Float32Array.from({ length: 1000 }, (_, i) => i);
  const r = valueRange(values);
  assert.equal(r.min, 0);
  assert.equal(r.max, 999);
  assert.ok(r.lo >= 3 && r.lo <= 6, `lo ${r.lo}`);
  assert.ok(r.hi >= 993 && r.hi <= 996, `hi ${r.hi}`);
});

test("when values include NaN then they are ignored by the range and rendered black", () => {
  const values = Float32Array.from([NaN, 1, 3, NaN]);
  const r = valueRange(values);
  assert.equal(r.min, 1);
  assert.equal(r.max, 3);
  assert.deepEqual([...toBytes(values, minMaxFunction(r))], [0, 0, 255, 0]);
});

test("when the robust function maps a frame then the extremes stay distinct from the bulk", () => {
  // 10,000 values in 100..200, plus one text pixel at 4095 and one at -1000.
  const values = new Float32Array(10002);
  for (let i = 0; i < 10000; i++) values[i] = 100 + (i % 101);
  values[10000] = 4095;
  values[10001] = -1000;
  const r = valueRange(values);
  const f = robustFunction(r);
  const out = toBytes(values, f);
  assert.equal(out[10000], 255);
  assert.equal(out[10001], 0);
  assert.ok(f(150) > 100 && f(150) < 160, `bulk spread over the middle: ${f(150)}`);
  assert.ok(f(200) < 255 && f(200) >= 230, `top of the bulk below the text: ${f(200)}`);
});

test("when lo meets hi then the robust function falls back to min-max", () => {
  const r = { min: 0, max: 10, lo: 5, hi: 5 };
  close(robustFunction(r)(5), 127.5);
});

test("when a frame is constant then min-max renders it black", () => {
  assert.deepEqual([...toBytes([7, 7], minMaxFunction({ min: 7, max: 7, lo: 7, hi: 7 }))], [0, 0]);
});

test("when bytes are inverted then 255 - v comes out, after rounding and clamping", () => {
  assert.deepEqual([...toBytes([-5, 127.5, 300], (x) => x, true)], [255, 127, 0]);
});
