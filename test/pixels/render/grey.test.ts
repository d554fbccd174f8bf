import assert from "node:assert/strict";
import { test } from "node:test";
import { greyBytes } from "../../../src/pixels/render/grey.js";

const display = { slope: 1.5, intercept: -1024 };

for (const voi of ["robust", "minmax", "auto"] as const) {
  test(`when integer pixels go through the table path (${voi}) then the result equals the per-pixel path`, () => {
    // A deterministic spread of 12-bit values with a few text pixels at the maximum.
    const px = Int16Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 3000) - 1000);
    px[17] = 3071;
    px[18] = 3071;
    const a = greyBytes(px, px.length, { display, voi, invert: false, integer: true });
    const b = greyBytes(px, px.length, { display, voi, invert: false, integer: false });
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
    assert.ok(diff <= 1, `largest difference ${diff}`);
    assert.equal(a[17], 255);
  });
}

test("when 32-bit values span more than a table holds then the per-pixel path renders them", () => {
  const px = Uint32Array.from([0, 2 ** 31, 2 ** 32 - 1]);
  assert.deepEqual([...greyBytes(px, 3, { display: { slope: 1, intercept: 0 }, voi: "minmax", invert: false, integer: true })], [0, 128, 255]);
});

test("when only part of the array is the frame then only `count` pixels are rendered", () => {
  assert.deepEqual([...greyBytes(Uint8Array.from([0, 10, 255]), 2, { display: { slope: 1, intercept: 0 }, voi: "minmax", invert: true, integer: true })], [255, 0]);
});
