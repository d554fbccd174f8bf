import assert from "node:assert/strict";
import { test } from "node:test";
import { tag } from "../../../src/core/tag.js";
import { rendered, toPixelBox } from "../../../src/pixels/render/rendered.js";
import { crop, extremes, inverted, upscale } from "../../../src/pixels/render/variants.js";
import { dataset, fileOf, row } from "./helpers.js";

const grey = (w: number, h: number, data: number[]) => rendered(w, h, 1, Uint8Array.from(data));

test("when a rendering is inverted then every sample becomes 255 - v and the mapping is kept", () => {
  const r = { ...grey(3, 1, [0, 100, 255]), scale: 2, offset: { x: 5, y: 6 } };
  const inv = inverted(r);
  assert.deepEqual([...inv.data], [255, 155, 0]);
  assert.equal(inv.scale, 2);
  assert.deepEqual(inv.offset, { x: 5, y: 6 });
  assert.deepEqual([...r.data], [0, 100, 255], "input untouched");
});

const extremeCases = [
  { name: "the maximum of a MONOCHROME2 frame", photometric: "MONOCHROME2", which: "max" as const, tolerance: 0, want: [0, 0, 0, 255, 255] },
  { name: "the minimum of a MONOCHROME2 frame", photometric: "MONOCHROME2", which: "min" as const, tolerance: 0, want: [255, 0, 0, 0, 0] },
  { name: "the brightest of a MONOCHROME1 frame (lowest stored)", photometric: "MONOCHROME1", which: "max" as const, tolerance: 0, want: [255, 0, 0, 0, 0] },
  { name: "the maximum within a 10% tolerance", photometric: "MONOCHROME2", which: "max" as const, tolerance: 0.1, want: [0, 0, 255, 255, 255] },
];
for (const c of extremeCases) {
  test(`when extremes keep ${c.name} then only those pixels are white`, () => {
    const frame = row(Int16Array.from([-100, 500, 3700, 4000, 4000]), { photometric: c.photometric, pixelRepresentation: 1 });
    const r = extremes(fileOf(dataset([])), frame, { which: c.which, tolerance: c.tolerance });
    assert.equal(r.channels, 1);
    assert.deepEqual([...r.data], c.want);
  });
}

test("when a frame is constant then extremes is all black", () => {
  assert.deepEqual([...extremes(fileOf(dataset([])), row(Uint16Array.from([7, 7, 7]))).data], [0, 0, 0]);
});

test("when a colour frame is given then extremes compare luminance", () => {
  const frame = row(Uint8Array.from([255, 255, 255, 255, 0, 0, 250, 250, 250]), { photometric: "RGB", samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7 });
  assert.deepEqual([...extremes(fileOf(dataset([])), frame).data], [255, 0, 0]);
});

test("when a Presentation LUT Shape IDENTITY accompanies MONOCHROME1 then the maximum stored value is kept", () => {
  const ds = dataset([[tag(0x2050, 0x0020), "CS", ["IDENTITY"]]]);
  assert.deepEqual([...extremes(fileOf(ds), row(Uint16Array.from([1, 9]), { photometric: "MONOCHROME1" })).data], [0, 255]);
});

test("when a rendering is upscaled by nearest neighbour then pixels repeat and the scale multiplies", () => {
  const r = upscale(grey(2, 1, [10, 200]), 2, { method: "nearest" });
  assert.equal(r.width, 4);
  assert.equal(r.height, 2);
  assert.deepEqual([...r.data], [10, 10, 200, 200, 10, 10, 200, 200]);
  assert.equal(r.scale, 2);
});

test("when a rendering is upscaled bilinearly then samples are interpolated between pixel centres", () => {
  const r = upscale(grey(2, 1, [0, 200]), 2);
  assert.deepEqual([...r.data.subarray(0, 4)], [0, 50, 150, 200]);
});

test("when an RGB rendering is upscaled then each channel is interpolated on its own", () => {
  const r = upscale(rendered(1, 1, 3, Uint8Array.from([1, 2, 3])), 3, { method: "bilinear" });
  assert.equal(r.data.length, 27);
  assert.deepEqual([...r.data.subarray(24)], [1, 2, 3]);
});

test("when the factor is not positive then a RangeError names the argument", () => {
  assert.throws(() => upscale(grey(1, 1, [0]), 0), /"factor"/);
});

const boxCases = [
  { name: "a rendering at scale 1", scale: 1, offset: { x: 0, y: 0 }, box: { x: 3, y: 4, w: 5, h: 6 }, want: { x: 3, y: 4, w: 5, h: 6 } },
  { name: "an exact 3x upscale", scale: 3, offset: { x: 0, y: 0 }, box: { x: 3, y: 3, w: 3, h: 3 }, want: { x: 1, y: 1, w: 1, h: 1 } },
  { name: "a 3x upscale, box across pixels (rounded outward)", scale: 3, offset: { x: 0, y: 0 }, box: { x: 4, y: 0, w: 4, h: 1 }, want: { x: 1, y: 0, w: 2, h: 1 } },
  { name: "a crop at (10, 20) upscaled 2x", scale: 2, offset: { x: 10, y: 20 }, box: { x: 0, y: 2, w: 4, h: 4 }, want: { x: 10, y: 21, w: 2, h: 2 } },
];
for (const c of boxCases) {
  test(`when a box is mapped back from ${c.name} then it covers the right frame pixels`, () => {
    assert.deepEqual(toPixelBox(c.box, { scale: c.scale, offset: c.offset }), c.want);
  });
}

test("when a rendering is cropped then upscaled then boxes map back through both", () => {
  const r = grey(10, 10, Array.from({ length: 100 }, (_, i) => i));
  const c = crop(r, { x: 4, y: 2, w: 3, h: 2 });
  assert.deepEqual([c.width, c.height, ...c.data], [3, 2, 24, 25, 26, 34, 35, 36]);
  assert.deepEqual(c.offset, { x: 4, y: 2 });
  const u = upscale(c, 4, { method: "nearest" });
  assert.deepEqual(toPixelBox({ x: 4, y: 4, w: 4, h: 4 }, u), { x: 5, y: 3, w: 1, h: 1 });
  assert.equal(u.data[(4 * u.width + 4)], r.data[3 * 10 + 5]);
});

test("when a crop box leaves the rendering then it is clamped", () => {
  const c = crop(grey(2, 2, [1, 2, 3, 4]), { x: -5, y: 1, w: 100, h: 100 });
  assert.deepEqual([c.width, c.height, ...c.data], [2, 1, 3, 4]);
});
