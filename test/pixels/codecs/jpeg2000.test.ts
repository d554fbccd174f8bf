import assert from "node:assert/strict";
import { test } from "node:test";
import { DicomError } from "../../../src/core/errors.js";
import {
  JPEG_2000, JPEG_2000_LOSSLESS, decodeJpeg2000, encodeJpeg2000, jpeg2000Codec,
} from "../../../src/pixels/codecs/jpeg2000.js";
import { j2kCodestream, readJ2kHeader } from "../../../src/pixels/codecs/j2k-stream.js";
import { assertLosslessRoundTrip, decodeFile, filesWithSyntax, formatOf, syntheticFrame, verifyCorpus } from "../helpers/verify.js";

test("when JPEG 2000 lossless corpus files are decoded then they match GDCM exactly", async (t) => {
  // Includes J2K_pixelrep_mismatch and TOSHIBA_J2K_SIZ1_PixRep0 (stream sign differs from Pixel Representation).
  await verifyCorpus(t, [JPEG_2000_LOSSLESS]);
});

test("when JPEG 2000 lossy corpus files are decoded then they match GDCM", async (t) => {
  // OpenJPEG in both, so even the irreversible ones match exactly.
  await verifyCorpus(t, [JPEG_2000], 0);
});

test("when a JP2-wrapped frame is given then the jp2c codestream inside is decoded", async () => {
  const format = formatOf(16, 16, 1, 16, 12);
  const pixels = syntheticFrame(format);
  const bare = await encodeJpeg2000({ pixels, format }, format);
  const box = (type: string, body: Uint8Array): Uint8Array => {
    const out = new Uint8Array(8 + body.length);
    new DataView(out.buffer).setUint32(0, out.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(body, 8);
    return out;
  };
  const signature = box("jP  ", Uint8Array.from([0x0d, 0x0a, 0x87, 0x0a]));
  const ftyp = box("ftyp", new TextEncoder().encode("jp2 \0\0\0\0jp2 "));
  const wrapped = Uint8Array.from([...signature, ...ftyp, ...box("jp2c", bare)]);
  assert.deepEqual(j2kCodestream(wrapped), bare);
  const decoded = await decodeJpeg2000(wrapped, format);
  assert.deepEqual([...decoded.pixels], [...pixels]);
});

test("when the codestream size differs from the dataset then decoding fails closed", async () => {
  const format = formatOf(16, 16, 1, 8, 8);
  const encoded = await encodeJpeg2000({ pixels: syntheticFrame(format), format }, format);
  assert.equal(readJ2kHeader(encoded).width, 16);
  await assert.rejects(decodeJpeg2000(encoded, formatOf(16, 17, 1, 8, 8)), (e: unknown) => e instanceof DicomError && e.code === "DECODE");
});

test("when the frame is garbage then decoding fails closed with DECODE", async () => {
  await assert.rejects(decodeJpeg2000(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), formatOf(4, 4, 1, 8, 8)), DicomError);
  const format = formatOf(32, 32, 1, 8, 8);
  const encoded = await encodeJpeg2000({ pixels: syntheticFrame(format), format }, format);
  await assert.rejects(decodeJpeg2000(encoded.subarray(0, 60), format), DicomError);
  // The module still works after a failure.
  await assertLosslessRoundTrip(jpeg2000Codec, format, syntheticFrame(format));
});

for (const [label, format] of [
  ["8-bit grey", formatOf(33, 47, 1, 8, 8)],
  ["8-bit RGB (as YBR_RCT)", formatOf(20, 30, 3, 8, 8)],
  ["12-bit unsigned", formatOf(40, 31, 1, 16, 12)],
  ["16-bit signed", formatOf(16, 16, 1, 16, 16, true)],
  ["tiny 3x2", formatOf(3, 2, 1, 16, 16)],
] as const) {
  test(`when ${label} samples are JPEG 2000 encoded then decoding returns them unchanged`, async () => {
    await assertLosslessRoundTrip(jpeg2000Codec, format, syntheticFrame(format));
  });
}

test("when RGB is encoded then the dataset must declare YBR_RCT", () => {
  assert.equal(jpeg2000Codec.encodedFormat!(formatOf(2, 2, 3, 8, 8)).photometric, "YBR_RCT");
});

test("when corpus frames are re-encoded as JPEG 2000 then they round-trip", async (t) => {
  const files = filesWithSyntax([JPEG_2000_LOSSLESS]);
  if (files.length === 0) return t.skip("no corpus");
  for (const { file } of files) {
    const { format, frames } = await decodeFile(file);
    await assertLosslessRoundTrip(jpeg2000Codec, { ...format, photometric: format.samplesPerPixel === 3 ? "RGB" : format.photometric }, frames[0]);
  }
});
