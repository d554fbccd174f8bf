import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { test } from "node:test";
import { DicomError } from "../../../src/core/errors.js";
import { DEFLATED_IMAGE_FRAME, decodeDeflatedFrame, deflateCodec } from "../../../src/pixels/codecs/deflate.js";
import { encapsulatedUncompressedCodec } from "../../../src/pixels/codecs/native-frame.js";
import { assertLosslessRoundTrip, formatOf, syntheticFrame, verifyCorpus } from "../helpers/verify.js";

test("when deflated image frame corpus files are decoded then they match zlib exactly", async (t) => {
  await verifyCorpus(t, [DEFLATED_IMAGE_FRAME]);
});

test("when a 1-bit frame is inflated then its bits are read least significant first", () => {
  const format = { ...formatOf(2, 5, 1, 1, 1), numberOfFrames: 3 };
  const frame = deflateRawSync(Uint8Array.from([0b1010_0101, 0b10]));
  assert.deepEqual([...decodeDeflatedFrame(frame, format).pixels], [1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);
});

test("when a frame inflates past its size then decoding fails closed", () => {
  const bomb = deflateRawSync(new Uint8Array(1 << 20));
  assert.throws(() => decodeDeflatedFrame(bomb, formatOf(4, 4, 1, 8, 8)), (e: unknown) => e instanceof DicomError && e.code === "DECODE");
});

for (const [label, format] of [
  ["1-bit", formatOf(7, 9, 1, 1, 1)],
  ["8-bit RGB", formatOf(5, 6, 3, 8, 8)],
  ["16-bit signed", formatOf(6, 5, 1, 16, 12, true)],
] as const) {
  test(`when ${label} samples are deflated then inflating returns them unchanged`, async () => {
    await assertLosslessRoundTrip(deflateCodec, format, syntheticFrame(format));
    await assertLosslessRoundTrip(encapsulatedUncompressedCodec, format, syntheticFrame(format));
  });
}
