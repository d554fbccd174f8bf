import assert from "node:assert/strict";
import { test } from "node:test";
import { HTJ2K, HTJ2K_LOSSLESS, HTJ2K_LOSSLESS_RPCL, htj2kCodec } from "../../../src/pixels/codecs/htj2k.js";
import { readJ2kHeader } from "../../../src/pixels/codecs/j2k-stream.js";
import { assertLosslessRoundTrip, decodeFile, filesWithSyntax, formatOf, syntheticFrame, verifyCorpus } from "../helpers/verify.js";

test("when HTJ2K lossless corpus files are decoded then they match GDCM (OpenJPEG 2.5) exactly", async (t) => {
  await verifyCorpus(t, [HTJ2K_LOSSLESS, HTJ2K_LOSSLESS_RPCL]);
});

test("when HTJ2K lossy corpus files are decoded then they are within 1 of GDCM (OpenJPEG 2.5)", async (t) => {
  await verifyCorpus(t, [HTJ2K], 1);
});

for (const [label, format] of [
  ["8-bit grey", formatOf(33, 47, 1, 8, 8)],
  ["8-bit RGB", formatOf(20, 30, 3, 8, 8)],
  ["12-bit unsigned", formatOf(40, 31, 1, 16, 12)],
  ["16-bit signed", formatOf(16, 16, 1, 16, 16, true)],
] as const) {
  test(`when ${label} samples are HTJ2K encoded then decoding returns them unchanged`, async () => {
    await assertLosslessRoundTrip(htj2kCodec, format, syntheticFrame(format));
  });
}

test("when RGB is encoded then no colour transform is used and RGB stays RGB", async () => {
  const format = formatOf(8, 8, 3, 8, 8);
  const encoded = await assertLosslessRoundTrip(htj2kCodec, format, syntheticFrame(format));
  assert.equal(readJ2kHeader(encoded).mct, false);
  const bytes = Buffer.from(encoded);
  const cod = bytes.indexOf(Buffer.from([0xff, 0x52]));
  assert.equal(bytes[cod + 5], 2, "RPCL progression");
  assert.ok(bytes.indexOf(Buffer.from([0xff, 0x55])) > 0, "TLM marker");
  assert.equal(htj2kCodec.encodedFormat!(format).photometric, "RGB");
  const ybr = { ...format, photometric: "YBR_RCT" };
  assert.equal(readJ2kHeader(await assertLosslessRoundTrip(htj2kCodec, ybr, syntheticFrame(format))).mct, true);
});

test("when corpus frames are re-encoded as HTJ2K then they round-trip", async (t) => {
  const files = filesWithSyntax([HTJ2K_LOSSLESS]);
  if (files.length === 0) return t.skip("no corpus");
  for (const { file } of files) {
    const { format, frames } = await decodeFile(file);
    await assertLosslessRoundTrip(htj2kCodec, format, frames[0]);
  }
});
