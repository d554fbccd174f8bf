import assert from "node:assert/strict";
import { test } from "node:test";
import { DicomError } from "../../src/core/errors.js";
import { type PixelFormat, frameBitLength, frameByteLength, isColourFormat, nativeValueLength, validatePixelFormat } from "../../src/pixels/format.js";

const fmt = (over: Partial<PixelFormat>): PixelFormat => ({
  rows: 10, columns: 10, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 12, highBit: 11,
  pixelRepresentation: 0, photometric: "MONOCHROME2", planarConfiguration: 0, numberOfFrames: 1, ...over,
});

test("when samples are 16-bit then a frame is rows x columns x samples x 2 bytes", () => {
  assert.equal(frameByteLength(fmt({ samplesPerPixel: 3, photometric: "RGB" })), 600);
});

test("when Bits Allocated is 1 then frames are counted in bits and not byte-aligned (PS3.5 8.1.1)", () => {
  const format = fmt({ rows: 3, columns: 3, bitsAllocated: 1, bitsStored: 1, highBit: 0, numberOfFrames: 3 });
  assert.equal(frameBitLength(format), 9);
  assert.equal(frameByteLength(format), 2);
  assert.equal(nativeValueLength(format), 4);
});

test("when the photometric is YBR_FULL_422 then a native frame holds two samples per pixel", () => {
  assert.equal(frameByteLength(fmt({ samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, photometric: "YBR_FULL_422" })), 200);
});

test("when attributes are inconsistent then validation names the attribute", () => {
  assert.throws(() => validatePixelFormat(fmt({ bitsStored: 17 })), (e: unknown) => e instanceof DicomError && e.message.includes("BitsStored"));
  assert.throws(() => validatePixelFormat(fmt({ highBit: 3 })), (e: unknown) => e instanceof DicomError && e.message.includes("HighBit"));
  assert.throws(() => validatePixelFormat(fmt({ rows: 0 })), (e: unknown) => e instanceof DicomError && e.message.includes("Rows"));
  assert.throws(() => validatePixelFormat(fmt({ bitsAllocated: 12 })), (e: unknown) => e instanceof DicomError && e.code === "UNSUPPORTED");
  validatePixelFormat(fmt({ bitsAllocated: 64, floatingPoint: true }));
});

test("when a frame has three samples or a palette then it is colour, and one monochrome sample is not", () => {
  assert.equal(isColourFormat(fmt({ samplesPerPixel: 3, photometric: "YBR_FULL_422" })), true);
  assert.equal(isColourFormat(fmt({ photometric: "PALETTE COLOR " })), true);
  assert.equal(isColourFormat(fmt({ photometric: "MONOCHROME1" })), false);
});
