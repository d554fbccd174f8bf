import assert from "node:assert/strict";
import { test } from "node:test";
import { DicomError } from "../../../src/core/errors.js";
import { decodeRle, encodeRle, RLE_LOSSLESS, rleCodec } from "../../../src/pixels/codecs/rle.js";
import { assertLosslessRoundTrip, decodeFile, filesWithSyntax, formatOf, syntheticFrame, verifyCorpus } from "../helpers/verify.js";

test("when RLE corpus files are decoded then they match dcmdrle exactly", async (t) => {
  await verifyCorpus(t, [RLE_LOSSLESS]);
});

/** An RLE frame with the given segments (PS3.5 G.5). */
function rleFrame(...segments: number[][]): Uint8Array {
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, segments.length, true);
  let at = 64;
  segments.forEach((s, i) => {
    header.setUint32(4 + 4 * i, at, true);
    at += s.length;
  });
  return Uint8Array.from([...new Uint8Array(header.buffer), ...segments.flat()]);
}

test("when a segment mixes literal, replicate and no-op packets then it decodes per PS3.5 G.3.2", () => {
  // literal 2 bytes (1,2), no-op (128), replicate 3 x 9 (0xFE), literal 1 byte (7)
  const frame = rleFrame([0x01, 1, 2, 0x80, 0xfe, 9, 0x00, 7]);
  const out = decodeRle(frame, formatOf(2, 3, 1, 8, 8));
  assert.deepEqual([...out.pixels], [1, 2, 9, 9, 9, 7]);
});

test("when 16-bit samples are decoded then the first segment holds the high bytes", () => {
  const out = decodeRle(rleFrame([0x01, 0x12, 0xff], [0x01, 0x34, 0xfe]), formatOf(1, 2, 1, 16, 16, true));
  assert.deepEqual([...out.pixels], [0x1234, -2]);
});

test("when a segment is short then decoding fails closed", () => {
  assert.throws(() => decodeRle(rleFrame([0x00, 1]), formatOf(2, 2, 1, 8, 8)), (e: unknown) => e instanceof DicomError && e.code === "DECODE");
});

test("when the header segment count does not fit the format then decoding fails closed", () => {
  assert.throws(() => decodeRle(rleFrame([0x00, 1]), formatOf(1, 1, 1, 16, 16)), DicomError);
});

test("when a row is encoded then runs of three or more replicate and segments have even length", () => {
  const encoded = encodeRle({ pixels: Uint8Array.from([5, 5, 5, 5, 1, 2]), format: formatOf(1, 6, 1, 8, 8) }, formatOf(1, 6, 1, 8, 8));
  assert.deepEqual([...encoded.subarray(64)], [0xfd, 5, 0x01, 1, 2, 0]);
});

for (const [label, format] of [
  ["8-bit grey", formatOf(33, 47, 1, 8, 8)],
  ["8-bit RGB", formatOf(20, 300, 3, 8, 8)],
  ["12-bit signed", formatOf(40, 31, 1, 16, 12, true)],
  ["16-bit unsigned", formatOf(16, 16, 1, 16, 16)],
  ["16-bit RGB", formatOf(9, 11, 3, 16, 16)],
  ["32-bit signed", formatOf(8, 8, 1, 32, 32, true)],
] as const) {
  test(`when ${label} samples are encoded then decoding returns them unchanged`, async () => {
    await assertLosslessRoundTrip(rleCodec, format, syntheticFrame(format));
  });
}

test("when corpus RLE frames are re-encoded then they round-trip", async (t) => {
  const files = filesWithSyntax([RLE_LOSSLESS]);
  if (files.length === 0) return t.skip("no corpus");
  for (const { file } of files) {
    const { format, frames } = await decodeFile(file);
    await assertLosslessRoundTrip(rleCodec, format, frames[0]);
  }
});
