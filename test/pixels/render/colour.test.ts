import assert from "node:assert/strict";
import { test } from "node:test";
import { brightestChannel, luma, toRgb8 } from "../../../src/pixels/render/colour.js";

/** PS3.3 C.7.6.3.1.2: RGB to YBR_FULL, rounded. */
function ybrFull([r, g, b]: number[]): number[] {
  return [0.299 * r + 0.587 * g + 0.114 * b, -0.1687 * r - 0.3313 * g + 0.5 * b + 128, 0.5 * r - 0.4187 * g - 0.0813 * b + 128].map((v) => Math.min(255, Math.max(0, Math.round(v))));
}
/** PS3.3 C.7.6.3.1.2: RGB to YBR_PARTIAL, rounded. */
function ybrPartial([r, g, b]: number[]): number[] {
  return [16 + 0.2568 * r + 0.5041 * g + 0.0979 * b, 128 - 0.1482 * r - 0.291 * g + 0.4392 * b, 128 + 0.4392 * r - 0.3678 * g - 0.0714 * b].map((v) => Math.round(v));
}
/** ISO 15444-1 G.2: the reversible colour transform, chroma offset to unsigned. */
function rct([r, g, b]: number[]): number[] {
  return [Math.floor((r + 2 * g + b) / 4), b - g + 128, r - g + 128];
}

const colours = [[255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255], [0, 0, 0], [128, 64, 200], [10, 250, 120]];
const conversions = [
  { photometric: "YBR_FULL", forward: ybrFull, tolerance: 2 },
  { photometric: "YBR_ICT", forward: ybrFull, tolerance: 2 },
  { photometric: "YBR_PARTIAL_420", forward: ybrPartial, tolerance: 2 },
  { photometric: "YBR_RCT", forward: rct, tolerance: 0 },
];
for (const c of conversions) {
  test(`when ${c.photometric} samples are rendered then the original RGB comes back (±${c.tolerance})`, () => {
    // Int16: RCT chroma spans 9 bits, beyond the 8-bit range.
    const samples = Int16Array.from(colours.flatMap((rgb) => c.forward(rgb)));
    const out = toRgb8(samples, colours.length, c.photometric, 8);
    colours.forEach((rgb, i) => {
      for (let k = 0; k < 3; k++) assert.ok(Math.abs(out[i * 3 + k] - rgb[k]) <= c.tolerance, `${c.photometric} ${rgb} -> ${[...out.subarray(i * 3, i * 3 + 3)]}`);
    });
  });
}

test("when RGB has 16 bits stored then samples are scaled to 8 bits", () => {
  assert.deepEqual([...toRgb8(Uint16Array.from([0, 0x8000, 0xffff]), 1, "RGB", 16)], [0, 128, 255]);
});

test("when RGB has 8 bits then samples pass through unchanged", () => {
  const px = Uint8Array.from([1, 2, 3, 250, 251, 252]);
  assert.deepEqual([...toRgb8(px, 2, "RGB", 8)], [...px]);
});

test("when YBR_FULL has 12 bits then the chroma midpoint is 2048 and the output is scaled", () => {
  assert.deepEqual([...toRgb8(Uint16Array.from([4095, 2048, 2048]), 1, "YBR_FULL", 12)], [255, 255, 255]);
});

test("when the photometric interpretation is unknown then UNSUPPORTED is thrown", () => {
  assert.throws(() => toRgb8(new Uint8Array(3), 1, "CMYK", 8), { code: "UNSUPPORTED" });
});

test("when luma is taken then BT.601 weights apply", () => {
  assert.deepEqual([...luma(Uint8Array.from([255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255]))], [255, 76, 150, 29]);
});

test("when the brightest channel is taken then saturated colours keep their full value where luma dims them", () => {
  // White, green, yellow, a sepia ground: green text (luma 150) and the ground (luma 138) come apart.
  const rgb = Uint8Array.from([255, 255, 255, 0, 255, 0, 255, 255, 0, 180, 130, 70]);
  assert.deepEqual([...brightestChannel(rgb)], [255, 255, 255, 180]);
  assert.deepEqual([...luma(rgb)], [255, 150, 226, 138]);
});
