import assert from "node:assert/strict";
import { test } from "node:test";
import { DicomError } from "../../../src/core/errors.js";
import { JPEG_LOSSLESS, JPEG_LOSSLESS_SV1, decodeJpeg } from "../../../src/pixels/codecs/jpeg.js";
import { formatOf, verifyCorpus } from "../helpers/verify.js";

test("when JPEG lossless (process 14) corpus files are decoded then they match dcmdjpeg exactly", async (t) => {
  // Includes a 16-bit stream with overlay bits above Bits Stored, dropped as dcmtk does.
  await verifyCorpus(t, [JPEG_LOSSLESS, JPEG_LOSSLESS_SV1]);
});

test("when a stream is not JPEG then decoding fails closed", async () => {
  await assert.rejects(decodeJpeg(Uint8Array.from([0, 1, 2, 3]), formatOf(2, 2, 1, 8, 8)), (e: unknown) => e instanceof DicomError && e.code === "DECODE");
});
