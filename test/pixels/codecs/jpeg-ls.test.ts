import { test } from "node:test";
import { JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS, jpegLsCodec } from "../../../src/pixels/codecs/jpeg-ls.js";
import { assertLosslessRoundTrip, decodeFile, filesWithSyntax, formatOf, syntheticFrame, verifyCorpus } from "../helpers/verify.js";

test("when JPEG-LS lossless corpus files are decoded then they match dcmdjpls exactly", async (t) => {
  await verifyCorpus(t, [JPEG_LS_LOSSLESS]);
});

test("when JPEG-LS near-lossless corpus files are decoded then they match dcmdjpls", async (t) => {
  // CharLS in both: the near-lossless reconstruction is deterministic, so 0 is expected.
  await verifyCorpus(t, [JPEG_LS_NEAR_LOSSLESS], 0);
});

for (const [label, format] of [
  ["8-bit grey", formatOf(33, 47, 1, 8, 8)],
  ["8-bit RGB", formatOf(20, 30, 3, 8, 8)],
  ["12-bit unsigned", formatOf(40, 31, 1, 16, 12)],
  ["15-bit signed", formatOf(16, 24, 1, 16, 15, true)],
  ["16-bit signed", formatOf(16, 16, 1, 16, 16, true)],
  ["16-bit RGB", formatOf(9, 11, 3, 16, 16)],
] as const) {
  test(`when ${label} samples are JPEG-LS encoded then decoding returns them unchanged`, async () => {
    await assertLosslessRoundTrip(jpegLsCodec, format, syntheticFrame(format));
  });
}

test("when corpus frames are re-encoded as JPEG-LS then they round-trip", async (t) => {
  const files = filesWithSyntax([JPEG_LS_LOSSLESS]);
  if (files.length === 0) return t.skip("no corpus");
  for (const { file } of files) {
    const { format, frames } = await decodeFile(file);
    await assertLosslessRoundTrip(jpegLsCodec, format, frames[0]);
  }
});
