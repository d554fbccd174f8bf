import assert from "node:assert/strict";
import { test } from "node:test";
import { DicomError } from "../../../src/core/errors.js";
import { jpegCodedAsRgb } from "../../../src/pixels/codecs/jpeg-dct.js";
import { decodeJpegDctSoftware } from "../../../src/pixels/codecs/jpeg-dct-decoder.js";
import { readJpegHeader } from "../../../src/pixels/codecs/jpeg-header.js";
import { JPEG_BASELINE, JPEG_EXTENDED, JPEG_PROGRESSIVE, JPEG_SPECTRAL, decodeJpeg } from "../../../src/pixels/codecs/jpeg.js";
import { wasmModule } from "../../../src/pixels/codecs/wasm.js";
import { maxAbsDiff } from "../helpers/reference.js";
import { formatOf, syntheticFrame, verifyCorpus } from "../helpers/verify.js";

test("when JPEG baseline, extended and progressive corpus files are decoded then they match dcmdjpeg", async (t) => {
  // libjpeg-turbo (8-bit) and our 12-bit decoder use IJG's integer IDCT, as dcmtk does: 0 is expected.
  await verifyCorpus(t, [JPEG_BASELINE, JPEG_EXTENDED, JPEG_SPECTRAL, JPEG_PROGRESSIVE], 0);
});

/** A minimal JPEG header: SOI, optional APP segments, SOF0 with the given component ids, SOS. */
function header(ids: number[], app: number[][] = []): Uint8Array {
  const sofBody = [8, 0, 8, 0, 8, ids.length, ...ids.flatMap((id) => [id, 0x11, 0])];
  const sos = [0xff, 0xda, 0, 6 + 2 * ids.length, ids.length, ...ids.flatMap((id) => [id, 0]), 0, 63, 0];
  return Uint8Array.from([0xff, 0xd8, ...app.flat(), 0xff, 0xc0, 0, sofBody.length + 2, ...sofBody, ...sos]);
}
const JFIF = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
const adobe = (transform: number): number[] => [0xff, 0xee, 0, 14, 0x41, 0x64, 0x6f, 0x62, 0x65, 0, 100, 0, 0, 0, 0, transform];

for (const [label, bytes, photometric, rgb] of [
  ["JFIF marker", header([1, 2, 3], [JFIF]), "RGB", false],
  ["Adobe transform 0", header([1, 2, 3], [adobe(0)]), "YBR_FULL_422", true],
  ["Adobe transform 1", header([1, 2, 3], [adobe(1)]), "RGB", false],
  ["ids R, G, B", header([82, 71, 66]), "YBR_FULL", true],
  ["no signal and RGB", header([0, 1, 2]), "RGB", true],
  ["no signal and YBR_FULL_422", header([1, 2, 3]), "YBR_FULL_422", false],
] as const) {
  test(`when the stream has ${label} then it is ${rgb ? "" : "not "}taken as RGB-coded`, () => {
    assert.equal(jpegCodedAsRgb(readJpegHeader(bytes), photometric), rgb);
  });
}

interface TurboEncoder {
  getDecodedBuffer(info: { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean }): Uint8Array;
  setProgressive(on: number): void;
  setQuality(q: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

/** Encodes a greyscale frame with libjpeg-turbo (progressive streams use successive approximation). */
async function turboEncode(pixels: Uint8Array, width: number, height: number, progressive: boolean): Promise<Uint8Array> {
  const mod = await wasmModule<{ JPEGEncoder: new () => TurboEncoder }>("libjpeg-turbo");
  const e = new mod.JPEGEncoder();
  try {
    e.getDecodedBuffer({ width, height, bitsPerSample: 8, componentCount: 1, isSigned: false }).set(pixels);
    e.setProgressive(progressive ? 1 : 0);
    e.setQuality(75);
    e.encode();
    return e.getEncodedBuffer().slice();
  } finally {
    e.delete();
  }
}

for (const progressive of [false, true]) {
  test(`when an 8-bit ${progressive ? "progressive" : "sequential"} stream is decoded in TypeScript then it equals libjpeg-turbo`, async () => {
    const format = formatOf(45, 67, 1, 8, 8);
    const stream = await turboEncode(syntheticFrame(format) as Uint8Array, 67, 45, progressive);
    assert.equal(readJpegHeader(stream).sof, progressive ? 0xc2 : 0xc0);
    const ours = decodeJpegDctSoftware(stream);
    const turbo = await decodeJpeg(stream, format);
    assert.equal(maxAbsDiff(ours.samples, turbo.pixels), 0);
  });
}

test("when a 12-bit stream has three components then decoding says UNSUPPORTED", () => {
  const sof = [0xff, 0xc1, 0, 17, 12, 0, 8, 0, 8, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0];
  assert.throws(() => decodeJpegDctSoftware(Uint8Array.from([0xff, 0xd8, ...sof, 0xff, 0xd9])), (e: unknown) => e instanceof DicomError && e.code === "UNSUPPORTED");
});
