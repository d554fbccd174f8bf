// Block-selective redaction of sequential DCT JPEG, checked at the coefficient level and
// against libjpeg-turbo (WebAssembly codec) and dcmtk's dcmdjpeg decodings.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DicomError } from "../../../src/core/errors.js";
import { jpegBlockGeometry } from "../../../src/redact/jpeg/block-geometry.js";
import { redactJpegBlocks, redactJpegBlocksDetailed, type JpegBlockRedactOptions } from "../../../src/redact/jpeg/block-redact.js";
import { parseJpegStructure } from "../../../src/redact/jpeg/jpeg-structure.js";
import { corpusFrames, dcmdjpegImage, hasTool, libjpegTurboDecode } from "./helpers.js";
import { assertCoefficients, comparePixels, type Rect } from "./redaction-check.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "jpeg");
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** Rectangles that cross block edges, run off the bottom-right corner and touch the left edge. */
function rectsFor(width: number, height: number): Rect[] {
  return [
    { x: Math.floor(width * 0.3) + 3, y: Math.floor(height * 0.25) + 5, w: 37, h: 21 },
    { x: width - 10, y: height - 7, w: 50, h: 50 },
    { x: 0, y: Math.floor(height / 2), w: 5, h: 3 },
  ];
}

/** Expected quantized DC of a darkest flat block: floor((0 - 2^(P-1)) * 8 / Q00), at or below level 0. */
function darkestDc(jpeg: Uint8Array, component: number): number {
  const s = parseJpegStructure(jpeg);
  return Math.floor((-(1 << (s.frame.precision - 1)) * 8) / s.dcQuantizers[component]);
}

/** Redacts, checks coefficients, then compares libjpeg-turbo decodings; returns the pixel comparison. */
async function redactAndCheck(jpeg: Uint8Array, options: JpegBlockRedactOptions = {}) {
  const g = jpegBlockGeometry(jpeg);
  const rects = rectsFor(g.width, g.height);
  const out = redactJpegBlocks(jpeg, rects, options);
  const dcs = assertCoefficients(jpeg, out, rects);
  assert.equal(dcs[0], darkestDc(jpeg, 0));
  if (g.colorModel === "ycbcr") assert.deepEqual(dcs.slice(1), [0, 0]);
  const subsampled = g.components.some((c) => c.h !== g.maxH || c.v !== g.maxV);
  const before = await libjpegTurboDecode(jpeg);
  const after = await libjpegTurboDecode(out);
  const cmp = comparePixels(jpeg, before, after, rects, [0, 0, 0], subsampled ? 1 : 0);
  if (subsampled) assert.ok(cmp.maxSpill <= 1, `chroma upsampling spill ${cmp.maxSpill} px`);
  else assert.equal(cmp.changedOutside, 0);
  assert.ok(cmp.checkedInside > 0);
  assert.equal(cmp.wrongInside, 0);
  return cmp;
}

const FIXTURE_FILES = [
  "ycc420_restart3_45x37.jpg",
  "ycc422_noninterleaved_45x37.jpg",
  "ycc440_mixedscans_restart2_45x37.jpg",
  "ycc420_optimized_64x48.jpg",
  "gray_restart1_45x37.jpg",
  "rgb_adobe_45x37.jpg",
  "ycc411_restart3_45x37.jpg",
];

describe("redactJpegBlocks on synthetic fixtures", () => {
  for (const name of FIXTURE_FILES) {
    for (const huffman of ["auto", "optimal"] as const) {
      it(`when ${name} is redacted with ${huffman} tables then only touched blocks change and they decode black`, async () => {
        await redactAndCheck(fixture(name), { huffman });
      });
    }
  }

  it("when the original tables lack codes for the new data then optimal tables are built", () => {
    const jpeg = fixture("ycc420_optimized_64x48.jpg");
    const r = redactJpegBlocksDetailed(jpeg, [{ x: 20, y: 10, w: 20, h: 20 }]);
    assert.equal(r.huffmanTables, "optimal");
  });

  it("when the original tables suffice then their DHT segments are kept byte for byte", () => {
    const jpeg = fixture("ycc420_restart3_45x37.jpg");
    const r = redactJpegBlocksDetailed(jpeg, [{ x: 20, y: 10, w: 9, h: 9 }]);
    assert.equal(r.huffmanTables, "original");
    const first = parseJpegStructure(jpeg).scans[0].dataStart;
    assert.deepEqual(r.jpeg.subarray(0, first), jpeg.subarray(0, first));
  });

  it("when optimal tables are written then every other segment is copied byte for byte and in order", () => {
    const jpeg = fixture("ycc422_noninterleaved_45x37.jpg");
    const out = redactJpegBlocks(jpeg, [{ x: 3, y: 3, w: 30, h: 9 }], { huffman: "optimal" });
    const segs = (b: Uint8Array) =>
      parseJpegStructure(b)
        .segments.filter((g) => g.marker !== 0xc4)
        .map((g) => Array.from(b.subarray(g.start, g.end)));
    assert.deepEqual(segs(out), segs(jpeg));
    // One DHT right before each of the three SOS segments.
    const markers = parseJpegStructure(out).segments.map((g) => g.marker);
    assert.deepEqual(markers.filter((m) => m === 0xc4 || m === 0xda), [0xc4, 0xda, 0xc4, 0xda, 0xc4, 0xda]);
  });

  it("when no rectangle meets the image then the output is the input, byte for byte", () => {
    const jpeg = fixture("gray_restart1_45x37.jpg");
    const out = redactJpegBlocks(jpeg, [{ x: 100, y: 100, w: 5, h: 5 }, { x: 3, y: 3, w: 0, h: 9 }]);
    assert.deepEqual(out, jpeg);
  });

  it("when fill bytes precede the markers then the redaction is the same as without them", () => {
    const jpeg = fixture("gray_restart1_45x37.jpg");
    const padded: number[] = [];
    const { dataStart } = parseJpegStructure(jpeg).scans[0];
    jpeg.forEach((b, i) => {
      // T.81 B.1.1.2: any marker may be preceded by 0xFF fill bytes.
      if (i >= dataStart && b === 0xff && jpeg[i + 1] !== 0) padded.push(0xff, 0xff);
      padded.push(b);
    });
    const rects = [{ x: 9, y: 9, w: 11, h: 11 }];
    assert.deepEqual(redactJpegBlocks(Uint8Array.from(padded), rects), redactJpegBlocks(jpeg, rects));
  });

  it("when RGB components are filled with an explicit value per component then every block holds it", async () => {
    const jpeg = fixture("rgb_adobe_45x37.jpg");
    const rects = [{ x: 8, y: 8, w: 16, h: 16 }];
    const out = redactJpegBlocks(jpeg, rects, { fill: [255, 0, 128] });
    assertCoefficients(jpeg, out, rects);
    const img = await libjpegTurboDecode(out);
    const at = (x: number, y: number) => Array.from(img.pixels.subarray((y * 45 + x) * 3, (y * 45 + x) * 3 + 3));
    assert.deepEqual(at(12, 12), [255, 0, 128]);
  });

  it("when a luma fill level is given for YCbCr then the area decodes to that grey", async () => {
    const jpeg = fixture("ycc420_restart3_45x37.jpg");
    const out = redactJpegBlocks(jpeg, [{ x: 0, y: 0, w: 32, h: 32 }], { fill: 128 });
    const img = await libjpegTurboDecode(out);
    assert.deepEqual(Array.from(img.pixels.subarray((10 * 45 + 10) * 3, (10 * 45 + 10) * 3 + 3)), [128, 128, 128]);
  });

  it("when progressive or arithmetic-coded JPEG is given then it throws UNSUPPORTED", () => {
    for (const name of ["progressive_45x37.jpg", "arithmetic_45x37.jpg"]) {
      assert.throws(
        () => redactJpegBlocks(fixture(name), [{ x: 0, y: 0, w: 8, h: 8 }]),
        (e: unknown) => e instanceof DicomError && e.code === "UNSUPPORTED",
      );
    }
  });

  it("when the fill is out of range or a rectangle is NaN then it throws BAD_VALUE", () => {
    const jpeg = fixture("gray_restart1_45x37.jpg");
    const bad = (e: unknown) => e instanceof DicomError && e.code === "BAD_VALUE";
    assert.throws(() => redactJpegBlocks(jpeg, [{ x: 0, y: 0, w: 8, h: 8 }], { fill: 256 }), bad);
    assert.throws(() => redactJpegBlocks(jpeg, [{ x: 0, y: 0, w: 8, h: 8 }], { fill: [0, 0] }), bad);
    assert.throws(() => redactJpegBlocks(jpeg, [{ x: NaN, y: 0, w: 8, h: 8 }]), bad);
  });

  it("when the stream is truncated or corrupted then it throws a DicomError and nothing else", () => {
    const jpeg = fixture("ycc420_restart3_45x37.jpg");
    const rects = [{ x: 5, y: 5, w: 30, h: 20 }];
    for (let cut = 0; cut < jpeg.length; cut += 13) {
      assert.throws(() => redactJpegBlocks(jpeg.subarray(0, cut), rects), DicomError);
    }
    for (let i = 0; i < jpeg.length; i += 7) {
      const bad = jpeg.slice();
      bad[i] ^= 0x5a;
      try {
        redactJpegBlocks(bad, rects);
      } catch (e) {
        assert.ok(e instanceof DicomError, `byte ${i}: ${String(e)}`);
      }
    }
  });
});

describe("redactJpegBlocks on the DICOM corpus (libjpeg-turbo)", () => {
  const cases: [string, number][] = [
    ["pixel_phi/smi__US-GE-4AICL142_ybr422.dcm", 1],
    ["pixel_phi/pydicom__examples_ybr_color_US_30frame.dcm", 30],
    ["pixel_phi/dicomparser__IM00001_US_multiframe_jpeg_baseline.dcm", 8],
    ["pixel_phi/pylibjpeg__JPEGExtended_3s_US_named.dcm", 1],
    ["codecs/pydicom__SC_rgb_dcmtk_ybr422.dcm", 1],
    ["codecs/pydicom__SC_rgb_jpeg_dcmtk_ybr_full.dcm", 1],
    ["codecs/cornerstone__CTImage_jpeg_process1.dcm", 1],
  ];
  for (const [file, count] of cases) {
    const frames = corpusFrames(file);
    it(`when every frame of ${file} is redacted then untouched blocks decode unchanged`, { skip: !frames }, async () => {
      assert.equal(frames!.length, count);
      for (const f of frames!) await redactAndCheck(f);
    });
  }
});

describe("redactJpegBlocks checked with dcmdjpeg (no colour conversion)", () => {
  const skip = !hasTool("dcmdjpeg");
  const rgbFrames = corpusFrames("codecs/pydicom__SC_jpeg_no_color_transform_rgb.dcm");
  it("when an RGB stream without colour transform is redacted as RGB then all three samples are 0", { skip: skip || !rgbFrames }, () => {
    const jpeg = rgbFrames![0];
    const info = { rows: 256, cols: 256, samples: 3, bitsStored: 8, photometric: "RGB", transferSyntax: "1.2.840.10008.1.2.4.50" };
    const rects = rectsFor(256, 256);
    const out = redactJpegBlocks(jpeg, rects, { colorModel: "rgb" });
    assert.deepEqual(assertCoefficients(jpeg, out, rects), [0, 1, 2].map((c) => darkestDc(jpeg, c)));
    const cmp = comparePixels(jpeg, dcmdjpegImage(jpeg, info), dcmdjpegImage(out, info), rects, [0, 0, 0], 0);
    assert.equal(cmp.changedOutside, 0);
    assert.equal(cmp.wrongInside, 0);
  });

  for (const file of ["codecs/pydicom__JPGExtended_12bit.dcm", "codecs/cornerstone__CTImage_jpeg_process2_4.dcm"]) {
    const frames = corpusFrames(file);
    it(`when the 12-bit ${file} is redacted then dcmdjpeg decodes 0 inside and the same pixels outside`, { skip: skip || !frames }, () => {
      const jpeg = frames![0];
      const g = jpegBlockGeometry(jpeg);
      assert.equal(g.precision, 12);
      const info = { rows: g.height, cols: g.width, samples: 1, bitsStored: 12, photometric: "MONOCHROME2", transferSyntax: "1.2.840.10008.1.2.4.51" };
      const rects = rectsFor(g.width, g.height);
      const out = redactJpegBlocks(jpeg, rects, { huffman: "optimal" });
      assert.equal(assertCoefficients(jpeg, out, rects)[0], darkestDc(jpeg, 0));
      const cmp = comparePixels(jpeg, dcmdjpegImage(jpeg, info), dcmdjpegImage(out, info), rects, [0], 0);
      assert.equal(cmp.changedOutside, 0);
      assert.ok(cmp.checkedInside > 0);
      assert.equal(cmp.wrongInside, 0);
    });
  }
});
