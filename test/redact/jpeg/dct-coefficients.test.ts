// Coefficient decoding and re-encoding: decoding then encoding with the original tables must
// give back the original entropy-coded bytes exactly; re-encoding with restart markers must
// decode (dcmdjpeg, libjpeg-turbo) to the same pixels.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeCoefficients } from "../../../src/redact/jpeg/dct-coefficients.js";
import { writeScan } from "../../../src/redact/jpeg/dct-scan-encoder.js";
import { EntropyWriter } from "../../../src/redact/jpeg/entropy-writer.js";
import { huffmanEncoder } from "../../../src/redact/jpeg/huffman-table.js";
import { parseJpegStructure } from "../../../src/redact/jpeg/jpeg-structure.js";
import { DRI, SOS } from "../../../src/redact/jpeg/markers.js";
import { redactJpegBlocks } from "../../../src/redact/jpeg/block-redact.js";
import { corpusFrames, dcmdjpegImage, hasTool, libjpegTurboDecode } from "./helpers.js";
import { assertCoefficients, comparePixels } from "./redaction-check.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "jpeg");

/** Re-encodes every scan with the original tables and a new restart interval (0 = none). */
function withRestartInterval(jpeg: Uint8Array, ri: number): Uint8Array {
  const s = parseJpegStructure(jpeg);
  const planes = decodeCoefficients(jpeg, s);
  const w = new EntropyWriter();
  let i = 0;
  for (const seg of s.segments) {
    if (seg.marker === DRI) continue;
    if (seg.marker !== SOS) {
      w.bytes(jpeg.subarray(seg.start, seg.end));
      continue;
    }
    const scan = s.scans[i++];
    if (i === 1) w.bytes(Uint8Array.of(0xff, DRI, 0, 4, ri >> 8, ri & 0xff));
    w.bytes(jpeg.subarray(seg.start, seg.end));
    const ok = writeScan(
      w,
      s.frame,
      { ...scan, restartInterval: ri },
      planes,
      scan.components.map((c) => huffmanEncoder(c.dcTable)),
      scan.components.map((c) => huffmanEncoder(c.acTable)),
    );
    assert.ok(ok);
  }
  return w.finish();
}

/** The entropy-coded bytes of every scan after decoding and re-encoding with the original tables. */
function reencodedScans(jpeg: Uint8Array): { original: Uint8Array; again: Uint8Array }[] {
  const s = parseJpegStructure(jpeg);
  const planes = decodeCoefficients(jpeg, s);
  return s.scans.map((scan) => {
    const w = new EntropyWriter();
    writeScan(
      w,
      s.frame,
      scan,
      planes,
      scan.components.map((c) => huffmanEncoder(c.dcTable)),
      scan.components.map((c) => huffmanEncoder(c.acTable)),
    );
    return { original: jpeg.subarray(scan.dataStart, scan.dataEnd), again: w.finish() };
  });
}

describe("decodeCoefficients and writeScan", () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".jpg") && !/progressive|arithmetic/.test(f));
  for (const name of fixtures) {
    it(`when ${name} is decoded and re-encoded with its own tables then every scan is bit-identical`, () => {
      for (const { original, again } of reencodedScans(new Uint8Array(readFileSync(join(FIXTURES, name))))) {
        assert.deepEqual(again, original);
      }
    });
  }

  const corpus = [
    "pixel_phi/smi__US-GE-4AICL142_ybr422.dcm",
    "pixel_phi/pydicom__examples_ybr_color_US_30frame.dcm",
    "pixel_phi/pylibjpeg__JPEGExtended_3s_US_named.dcm",
    "codecs/pydicom__JPGExtended_12bit.dcm",
    "codecs/cornerstone__CTImage_jpeg_process2_4.dcm",
    "codecs/dicomparser__CT0012_multiframe_jpeg_baseline_fragmented.dcm",
    "codecs/pydicom__SC_jpeg_no_color_transform_rgb.dcm",
  ];
  for (const file of corpus) {
    const frames = corpusFrames(file);
    it(`when ${file} is decoded and re-encoded with its own tables then every scan is bit-identical`, { skip: !frames }, () => {
      for (const f of frames!) {
        for (const { original, again } of reencodedScans(f)) assert.deepEqual(again, original);
      }
    });
  }

  const ext12 = corpusFrames("codecs/pydicom__JPGExtended_12bit.dcm");
  it("when a 12-bit stream gets restart markers then dcmdjpeg decodes it unchanged and redaction still holds", { skip: !ext12 || !hasTool("dcmdjpeg") }, () => {
    const jpeg = ext12![0];
    const info = { rows: 1024, cols: 256, samples: 1, bitsStored: 12, photometric: "MONOCHROME2", transferSyntax: "1.2.840.10008.1.2.4.51" };
    const restarted = withRestartInterval(jpeg, 7);
    assert.equal(parseJpegStructure(restarted).scans[0].restartInterval, 7);
    const before = dcmdjpegImage(jpeg, info);
    assert.deepEqual(dcmdjpegImage(restarted, info).pixels, before.pixels);
    const rects = [{ x: 50, y: 300, w: 90, h: 40 }];
    const out = redactJpegBlocks(restarted, rects, { huffman: "optimal" });
    assertCoefficients(restarted, out, rects);
    const cmp = comparePixels(restarted, before, dcmdjpegImage(out, info), rects, [0], 0);
    assert.equal(cmp.changedOutside, 0);
    assert.equal(cmp.wrongInside, 0);
  });

  const ybr = corpusFrames("pixel_phi/smi__US-GE-4AICL142_ybr422.dcm");
  it("when a 4:2:2 stream gets a restart interval of 5 MCUs then libjpeg-turbo decodes it unchanged", { skip: !ybr }, async () => {
    const restarted = withRestartInterval(ybr![0], 5);
    assert.deepEqual((await libjpegTurboDecode(restarted)).pixels, (await libjpegTurboDecode(ybr![0])).pixels);
  });
});
