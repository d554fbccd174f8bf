import assert from "node:assert/strict";
import { test } from "node:test";
import type { Dataset } from "../../../src/core/dataset.js";
import { tag } from "../../../src/core/tag.js";
import { renderFrame } from "../../../src/pixels/render/render-frame.js";
import { dataset, type Entry, fileOf, row, words } from "./helpers.js";

const T = {
  windowCenter: tag(0x0028, 0x1050), windowWidth: tag(0x0028, 0x1051), voiFunction: tag(0x0028, 0x1056),
  intercept: tag(0x0028, 0x1052), slope: tag(0x0028, 0x1053), modalityLut: tag(0x0028, 0x3000), voiLut: tag(0x0028, 0x3010),
  lutDescriptor: tag(0x0028, 0x3002), lutData: tag(0x0028, 0x3006), shape: tag(0x2050, 0x0020),
  shared: tag(0x5200, 0x9229), perFrame: tag(0x5200, 0x9230), frameVoi: tag(0x0028, 0x9132), pvt: tag(0x0028, 0x9145),
  paletteDesc: [tag(0x0028, 0x1101), tag(0x0028, 0x1102), tag(0x0028, 0x1103)],
  paletteData: [tag(0x0028, 0x1201), tag(0x0028, 0x1202), tag(0x0028, 0x1203)],
};
const file = (entries: Entry[]) => fileOf(dataset(entries));
const window = (c: number, w: number): Entry[] => [[T.windowCenter, "DS", [c]], [T.windowWidth, "DS", [w]]];
const item = (entries: Entry[]): Dataset => dataset(entries);

const cases: { name: string; entries: Entry[]; frame: ReturnType<typeof row>; voi?: "minmax" | "robust"; want: number[] }[] = [
  {
    name: "MONOCHROME2 with min-max",
    entries: [], frame: row(Uint16Array.from([0, 100, 200])), voi: "minmax", want: [0, 128, 255],
  },
  {
    name: "MONOCHROME1 with min-max (inverted: the minimum is white)",
    entries: [], frame: row(Uint16Array.from([0, 100, 200]), { photometric: "MONOCHROME1" }), voi: "minmax", want: [255, 127, 0],
  },
  {
    name: "MONOCHROME1 with a window",
    entries: window(100, 200), frame: row(Uint16Array.from([0, 100, 200]), { photometric: "MONOCHROME1" }), want: [255, 127, 0],
  },
  {
    name: "MONOCHROME2 with Presentation LUT Shape INVERSE",
    entries: [[T.shape, "CS", ["INVERSE"]]], frame: row(Uint16Array.from([0, 200])), voi: "minmax", want: [255, 0],
  },
  {
    name: "MONOCHROME1 with Presentation LUT Shape INVERSE (one inversion, not two)",
    entries: [[T.shape, "CS", ["INVERSE"]]], frame: row(Uint16Array.from([0, 200]), { photometric: "MONOCHROME1" }), voi: "minmax", want: [255, 0],
  },
  {
    name: "CT rescale then a soft-tissue window (PS3.3 C.11.1, C.11.2.1.2.1)",
    entries: [[T.intercept, "DS", [-1024]], [T.slope, "DS", [1]], ...window(40, 400)],
    frame: row(Uint16Array.from([0, 1024, 1064, 2048])), want: [0, 102, 128, 255],
  },
  {
    name: "rescale slope 2 before the window",
    entries: [[T.slope, "DS", [2]], ...window(100, 200)], frame: row(Uint16Array.from([0, 50, 100])), want: [0, 128, 255],
  },
  {
    name: "a Modality LUT Sequence with a signed first value (taking precedence over rescale)",
    entries: [
      [T.slope, "DS", [10]],
      [T.modalityLut, "SQ", [item([[T.lutDescriptor, "SS", [4, -2, 16]], [T.lutData, "US", [0, 1000, 2000, 3000]]])]],
    ],
    frame: row(Int16Array.from([-3, -2, 0, 5]), { pixelRepresentation: 1 }), voi: "minmax", want: [0, 0, 170, 255],
  },
  {
    name: "a VOI LUT Sequence (PS3.3 C.11.2.1.1)",
    entries: [[T.voiLut, "SQ", [item([[T.lutDescriptor, "US", [3, 0, 8]], [T.lutData, "US", [0, 100, 200]]])]]],
    frame: row(Uint8Array.from([0, 1, 2, 5]), { bitsAllocated: 8, bitsStored: 8, highBit: 7 }), want: [0, 100, 200, 200],
  },
  {
    name: "a SIGMOID VOI LUT Function",
    entries: [...window(100, 50), [T.voiFunction, "CS", ["SIGMOID"]]], frame: row(Uint16Array.from([0, 100, 1000])), want: [0, 128, 255],
  },
  {
    name: "a LINEAR_EXACT VOI LUT Function",
    entries: [...window(100, 200), [T.voiFunction, "CS", ["LINEAR_EXACT"]]], frame: row(Uint16Array.from([0, 50, 100, 201])), want: [0, 64, 128, 255],
  },
  {
    name: "signed 12-bit values (Bits Stored < Bits Allocated)",
    entries: [], frame: row(Int16Array.from([-2048, 0, 2047]), { pixelRepresentation: 1, bitsStored: 12, highBit: 11 }), voi: "minmax", want: [0, 128, 255],
  },
  {
    name: "float pixels with a width-1 window over 0..1 (applied exactly, not as a threshold)",
    entries: window(0.5, 1), frame: row(Float32Array.from([0, 0.25, 0.5, 1, NaN]), { bitsAllocated: 32, bitsStored: 32, highBit: 31, floatingPoint: true }),
    want: [0, 64, 128, 255, 0],
  },
  {
    name: "double float pixels without a window (normalised to their range)",
    entries: [], frame: row(Float64Array.from([-1e-3, 0, 1e-3]), { bitsAllocated: 64, bitsStored: 64, highBit: 63, floatingPoint: true }), want: [0, 128, 255],
  },
  {
    name: "a header window that squeezes the frame's values (falls back to robust)",
    entries: window(2000, 4000), frame: row(Uint8Array.from([0, 255]), { bitsAllocated: 8, bitsStored: 8, highBit: 7 }), want: [0, 255],
  },
  {
    name: "an invalid window width (ignored, PS3.3 C.11.2.1.2.1 needs >= 1)",
    entries: window(0, 0.5), frame: row(Uint16Array.from([0, 10])), want: [0, 255],
  },
];

for (const c of cases) {
  test(`when a frame has ${c.name} then it renders ${JSON.stringify(c.want)}`, () => {
    const r = renderFrame(file(c.entries), c.frame, { voi: c.voi });
    assert.equal(r.channels, 1);
    assert.deepEqual([...r.data], c.want);
    assert.equal(r.scale, 1);
    assert.deepEqual(r.offset, { x: 0, y: 0 });
  });
}

test("when an explicit window is given then it overrides the header's", () => {
  const r = renderFrame(file(window(0, 10)), row(Uint16Array.from([0, 100, 200])), { voi: { center: 100, width: 200 } });
  assert.deepEqual([...r.data], [0, 128, 255]);
});

test("when the enhanced functional groups hold windows then the frame's own group wins over the shared one", () => {
  const group = (entries: Entry[]) => item(entries);
  const ds = dataset([
    [T.shared, "SQ", [group([[T.frameVoi, "SQ", [item(window(100, 200))]], [T.pvt, "SQ", [item([[T.intercept, "DS", [0]], [T.slope, "DS", [1]]])]]])]],
    [T.perFrame, "SQ", [group([]), group([[T.frameVoi, "SQ", [item(window(50, 100))]]])]],
  ]);
  const frame = row(Uint16Array.from([0, 100]));
  assert.deepEqual([...renderFrame(fileOf(ds), frame, { frameIndex: 0 }).data], [0, 128]);
  assert.deepEqual([...renderFrame(fileOf(ds), frame, { frameIndex: 1 }).data], [0, 255]);
});

test("when a PALETTE COLOR frame is rendered then RGB comes out, or luma with grayscale", () => {
  const entries: Entry[] = [
    ...T.paletteDesc.map((t): Entry => [t, "US", [2, 0, 16]]),
    [T.paletteData[0], "OW", words([0, 0xffff])], [T.paletteData[1], "OW", words([0, 0])], [T.paletteData[2], "OW", words([0xffff, 0])],
  ];
  const frame = row(Uint8Array.from([0, 1]), { photometric: "PALETTE COLOR", bitsAllocated: 8, bitsStored: 8, highBit: 7 });
  const rgb = renderFrame(file(entries), frame);
  assert.equal(rgb.channels, 3);
  assert.deepEqual([...rgb.data], [0, 0, 255, 255, 0, 0]);
  assert.deepEqual([...renderFrame(file(entries), frame, { grayscale: true }).data], [29, 76]);
});

test("when a native YBR_FULL frame is rendered then it is converted to RGB (PS3.3 C.7.6.3.1.2)", () => {
  const frame = row(Uint8Array.from([76, 85, 255, 255, 128, 128]), { photometric: "YBR_FULL", samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7 });
  const r = renderFrame(file([]), frame);
  assert.equal(r.width, 2);
  assert.deepEqual([...r.data].map((v) => Math.round(v / 4)), [64, 0, 0, 64, 64, 64]);
});

test("when an RGB frame (as a JPEG 2000 codec returns YBR_RCT data) is rendered then it is not converted again", () => {
  const frame = row(Uint8Array.from([255, 0, 0]), { photometric: "RGB", samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7 });
  assert.deepEqual([...renderFrame(file([]), frame).data], [255, 0, 0]);
});

test("when a frame has 4 samples per pixel then UNSUPPORTED is thrown", () => {
  const frame = row(new Uint8Array(4), { photometric: "ARGB", samplesPerPixel: 4 });
  assert.throws(() => renderFrame(file([]), frame), { code: "UNSUPPORTED" });
});

test("when the frame holds fewer samples than its format needs then BAD_VALUE is thrown", () => {
  assert.throws(() => renderFrame(file([]), { pixels: new Uint16Array(3), format: row(new Uint16Array(4)).format }), { code: "BAD_VALUE" });
});
