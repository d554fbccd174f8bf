// Marker parsing of sequential DCT JPEG (T.81 Annex B) and block geometry (T.81 A.1.1, A.2).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DicomError } from "../../../src/core/errors.js";
import { blockAlignedRect, jpegBlockGeometry } from "../../../src/redact/jpeg/block-geometry.js";
import { parseJpegStructure } from "../../../src/redact/jpeg/jpeg-structure.js";
import { corpusFrames } from "./helpers.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "jpeg");
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const code = (c: string) => (e: unknown) => e instanceof DicomError && e.code === c;

describe("parseJpegStructure", () => {
  it("when scans are non-interleaved with DHT between them then each scan keeps its own tables", () => {
    const s = parseJpegStructure(fixture("ycc422_noninterleaved_45x37.jpg"));
    assert.equal(s.scans.length, 3);
    assert.deepEqual(s.scans.map((x) => x.components.map((c) => c.component)), [[0], [1], [2]]);
    assert.notDeepEqual(s.scans[0].components[0].acTable, s.scans[1].components[0].acTable);
  });

  it("when DRI precedes a scan then the scan carries the restart interval", () => {
    assert.equal(parseJpegStructure(fixture("ycc440_mixedscans_restart2_45x37.jpg")).scans[0].restartInterval, 2);
  });

  it("when the stream is not JPEG, lossless, progressive or arithmetic then it throws the matching code", () => {
    assert.throws(() => parseJpegStructure(Uint8Array.of(0, 1, 2, 3)), code("DECODE"));
    assert.throws(() => parseJpegStructure(fixture("progressive_45x37.jpg")), code("UNSUPPORTED"));
    assert.throws(() => parseJpegStructure(fixture("arithmetic_45x37.jpg")), code("UNSUPPORTED"));
    const lossless = corpusFrames("codecs/cornerstone__CTImage_jpeg_process14.dcm");
    if (lossless) assert.throws(() => parseJpegStructure(lossless[0]), code("UNSUPPORTED"));
  });

  it("when EOI is missing then it throws DECODE", () => {
    const jpeg = fixture("gray_restart1_45x37.jpg");
    assert.throws(() => parseJpegStructure(jpeg.subarray(0, jpeg.length - 2)), code("DECODE"));
  });
});

describe("jpegBlockGeometry", () => {
  it("when the frame is 4:2:2 then chroma blocks span 16 x 8 pixels", () => {
    const g = jpegBlockGeometry(fixture("ycc422_noninterleaved_45x37.jpg"));
    assert.equal(g.mcuWidth, 16);
    assert.equal(g.mcuHeight, 8);
    assert.equal(g.colorModel, "ycbcr");
    assert.deepEqual(
      g.components.map((c) => [c.blockWidth, c.blockHeight, c.blocksPerLine, c.blocksPerColumn]),
      [
        [8, 8, 6, 5],
        [16, 8, 3, 5],
        [16, 8, 3, 5],
      ],
    );
  });

  it("when the frame is 12-bit extended then precision and process say so", { skip: !corpusFrames("codecs/pydicom__JPGExtended_12bit.dcm") }, () => {
    const g = jpegBlockGeometry(corpusFrames("codecs/pydicom__JPGExtended_12bit.dcm")![0]);
    assert.deepEqual([g.precision, g.process, g.width, g.height, g.colorModel], [12, "extended", 256, 1024, "gray"]);
  });

  it("when RGB components are marked by APP14 Adobe then the colour model is rgb", () => {
    assert.equal(jpegBlockGeometry(fixture("rgb_adobe_45x37.jpg")).colorModel, "rgb");
  });

  it("when a rectangle is aligned then it grows to the chroma block grid and is clipped to the image", () => {
    const g = jpegBlockGeometry(fixture("ycc420_restart3_45x37.jpg"));
    assert.deepEqual(blockAlignedRect(g, { x: 17, y: 3, w: 2, h: 2 }), { x: 16, y: 0, w: 16, h: 16 });
    assert.deepEqual(blockAlignedRect(g, { x: 40, y: 30, w: 100, h: 100 }), { x: 32, y: 16, w: 13, h: 21 });
    assert.equal(blockAlignedRect(g, { x: 50, y: 0, w: 5, h: 5 }), undefined);
  });
});
