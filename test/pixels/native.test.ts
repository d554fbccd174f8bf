import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { DicomError } from "../../src/core/errors.js";
import type { PixelFormat } from "../../src/pixels/format.js";
import { nativeFrame, writeNativeFrame } from "../../src/pixels/native.js";
import { scanDicom } from "./helpers/dicom-scan.js";
import { DATA_DIR, codecTestFiles } from "./helpers/reference.js";

const LE = { littleEndian: true };
const fmt = (over: Partial<PixelFormat>): PixelFormat => ({
  rows: 1, columns: 2, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 16, highBit: 15,
  pixelRepresentation: 0, photometric: "MONOCHROME2", planarConfiguration: 0, numberOfFrames: 1, ...over,
});

test("when 16-bit little endian frames are read then each frame starts after the previous one", () => {
  const value = Uint8Array.from([1, 0, 2, 0, 3, 0, 0xff, 0xff]);
  const format = fmt({ numberOfFrames: 2 });
  assert.deepEqual([...nativeFrame(value, format, 1, LE).pixels], [3, 0xffff]);
  const signed = nativeFrame(value, { ...format, pixelRepresentation: 1 }, 1, LE).pixels;
  assert.ok(signed instanceof Int16Array);
  assert.deepEqual([...signed], [3, -1]);
});

test("when big endian OW words are read then bytes are swapped per word", () => {
  assert.deepEqual([...nativeFrame(Uint8Array.from([0x12, 0x34, 0, 5]), fmt({}), 0, { littleEndian: false }).pixels], [0x1234, 5]);
  // 8-bit samples in OW swap in pairs (PS3.5 7.3), in OB they do not.
  const eight = fmt({ bitsAllocated: 8, bitsStored: 8, highBit: 7, columns: 4 });
  const bytes = Uint8Array.from([1, 2, 3, 4]);
  assert.deepEqual([...nativeFrame(bytes, eight, 0, { littleEndian: false, vr: "OW" }).pixels], [2, 1, 4, 3]);
  assert.deepEqual([...nativeFrame(bytes, eight, 0, { littleEndian: false, vr: "OB" }).pixels], [1, 2, 3, 4]);
});

test("when Bits Stored is below Bits Allocated then values are masked, shifted by High Bit and sign-extended", () => {
  const format = fmt({ bitsStored: 12, highBit: 11, pixelRepresentation: 1 });
  // 0xF800: overlay bits 12-15 set above the 12-bit value 0x800 (-2048).
  const value = Uint8Array.from([0x00, 0xf8, 0xff, 0x07]);
  assert.deepEqual([...nativeFrame(value, format, 0, LE).pixels], [-2048, 2047]);
  const shifted = fmt({ bitsStored: 12, highBit: 15 });
  assert.deepEqual([...nativeFrame(Uint8Array.from([0x10, 0x00, 0xf0, 0xff]), shifted, 0, LE).pixels], [1, 0xfff]);
});

test("when planar RGB is read then samples come back pixel-interleaved", () => {
  const format = fmt({ samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, photometric: "RGB", planarConfiguration: 1 });
  const frame = nativeFrame(Uint8Array.from([1, 2, 10, 20, 100, 200]), format, 0, LE);
  assert.deepEqual([...frame.pixels], [1, 10, 100, 2, 20, 200]);
  assert.equal(frame.format.planarConfiguration, 0);
  const back = writeNativeFrame(new Uint8Array(6), format, 0, frame.pixels, LE);
  assert.deepEqual([...back], [1, 2, 10, 20, 100, 200]);
});

test("when YBR_FULL_422 is read then chroma is shared by pixel pairs and the frame is YBR_FULL", () => {
  const format = fmt({ samplesPerPixel: 3, bitsAllocated: 8, bitsStored: 8, highBit: 7, photometric: "YBR_FULL_422", columns: 4, numberOfFrames: 2 });
  const value = Uint8Array.from([9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 128, 129, 12, 13, 130, 131]);
  const frame = nativeFrame(value, format, 1, LE);
  assert.equal(frame.format.photometric, "YBR_FULL");
  assert.deepEqual([...frame.pixels], [10, 128, 129, 11, 128, 129, 12, 130, 131, 13, 130, 131]);
  const pixels = Uint8Array.from(frame.pixels);
  pixels[3] = 50; // Y of pixel 1
  pixels[10] = 0; // Cb of pixel 3 only: the pair's Cb becomes the mean
  const out = writeNativeFrame(value, format, 1, pixels, LE);
  assert.deepEqual([...out.subarray(8)], [10, 50, 128, 129, 12, 13, 65, 131]);
  assert.deepEqual([...out.subarray(0, 8)], [...value.subarray(0, 8)]);
});

test("when 1-bit frames are not byte-aligned then each frame starts at its bit (PS3.5 8.1.1)", () => {
  const format = fmt({ bitsAllocated: 1, bitsStored: 1, highBit: 0, rows: 1, columns: 3, numberOfFrames: 3 });
  // bits (LSB first): frame0 = 1,0,1  frame1 = 1,1,0  frame2 = 0,1,1
  const value = Uint8Array.from([0b1001_1101, 0b1]);
  assert.deepEqual([...nativeFrame(value, format, 0, LE).pixels], [1, 0, 1]);
  assert.deepEqual([...nativeFrame(value, format, 1, LE).pixels], [1, 1, 0]);
  assert.deepEqual([...nativeFrame(value, format, 2, LE).pixels], [0, 1, 1]);
  const out = writeNativeFrame(value, format, 1, [0, 0, 0], LE);
  assert.deepEqual([...out], [0b1000_0101, 0b1]);
});

test("when a frame is written back then unchanged samples keep their outside bits and changed ones lose them", () => {
  const format = fmt({ bitsStored: 12, highBit: 11, columns: 3, numberOfFrames: 2 });
  const value = Uint8Array.from([0x34, 0xf2, 0x34, 0xf2, 0x00, 0x10, 9, 9, 9, 9, 9, 9]);
  const frame = nativeFrame(value, format, 0, LE);
  assert.deepEqual([...frame.pixels], [0x234, 0x234, 0]);
  const pixels = Uint16Array.from(frame.pixels);
  pixels[1] = 0x111;
  const cleared = writeNativeFrame(value, format, 0, pixels, LE);
  assert.deepEqual([...cleared], [0x34, 0xf2, 0x11, 0x01, 0x00, 0x10, 9, 9, 9, 9, 9, 9]);
  const kept = writeNativeFrame(value, format, 0, pixels, { ...LE, keepOutsideBits: true });
  assert.deepEqual([...kept.subarray(0, 4)], [0x34, 0xf2, 0x11, 0xf1]);
  assert.deepEqual([...value.subarray(0, 4)], [0x34, 0xf2, 0x34, 0xf2], "input is not modified");
});

test("when a big endian frame is written back then the swap is undone", () => {
  const value = Uint8Array.from([0x12, 0x34, 0, 5]);
  const out = writeNativeFrame(value, fmt({}), 0, [0x1234, 6], { littleEndian: false });
  assert.deepEqual([...out], [0x12, 0x34, 0, 6]);
});

test("when float pixel data is read then it comes back as Float32Array or Float64Array", () => {
  const f32 = new Uint8Array(Float32Array.from([1.5, -2]).buffer);
  const format = fmt({ bitsAllocated: 32, bitsStored: 32, highBit: 31, floatingPoint: true });
  const frame = nativeFrame(f32, format, 0, LE);
  assert.ok(frame.pixels instanceof Float32Array);
  assert.deepEqual([...frame.pixels], [1.5, -2]);
  const f64 = new Uint8Array(Float64Array.from([0.1, 3]).buffer);
  const out = writeNativeFrame(f64, { ...format, bitsAllocated: 64, bitsStored: 64, highBit: 63 }, 0, [0.1, 4], LE);
  assert.deepEqual([...new Float64Array(out.buffer)], [0.1, 4]);
});

test("when a sample does not fit Bits Stored then writing fails closed without the value", () => {
  const format = fmt({ bitsStored: 12, highBit: 11 });
  assert.throws(() => writeNativeFrame(new Uint8Array(4), format, 0, [4096, 0], LE), (e: unknown) =>
    e instanceof DicomError && e.code === "ENCODE" && !e.message.includes("4096"));
});

test("when the value is too short or the index is out of range then reading fails closed", () => {
  assert.throws(() => nativeFrame(new Uint8Array(3), fmt({}), 0, LE), (e: unknown) => e instanceof DicomError && e.code === "TRUNCATED");
  assert.throws(() => nativeFrame(new Uint8Array(4), fmt({}), 1, LE), DicomError);
  assert.throws(() => nativeFrame(new Uint8Array(4), fmt({ bitsAllocated: 12 }), 0, LE), (e: unknown) => e instanceof DicomError && e.code === "UNSUPPORTED");
});

const nativeFiles = DATA_DIR ? codecTestFiles().filter((f) => !/^1\.2\.840\.10008\.1\.2\.(4\.|5$|8\.1)/.test(f.transferSyntax)) : [];

test("when every frame of a native corpus file is written back unchanged then the bytes are identical", async (t) => {
  if (!DATA_DIR) return t.skip("../shared/data is absent");
  for (const { file } of nativeFiles) {
    const scan = scanDicom(new Uint8Array(readFileSync(join(DATA_DIR, file))));
    if (!scan.native) continue;
    const order = { littleEndian: scan.littleEndian, vr: scan.pixelVr };
    let value = scan.native;
    for (let k = 0; k < scan.format.numberOfFrames; k++) {
      value = writeNativeFrame(value, scan.format, k, nativeFrame(value, scan.format, k, order).pixels, order);
    }
    assert.ok(Buffer.from(value).equals(Buffer.from(scan.native)), file);
  }
});

test("when big endian corpus files are read then they equal dcmconv's little endian conversion", async (t) => {
  if (!DATA_DIR) return t.skip("../shared/data is absent");
  try {
    execFileSync("sh", ["-c", "command -v dcmconv"], { stdio: "ignore" });
  } catch {
    return t.skip("dcmconv is not installed");
  }
  const cache = join(tmpdir(), "dicom-deid-codec-refs");
  mkdirSync(cache, { recursive: true });
  const bigEndian = nativeFiles.filter((f) => f.transferSyntax === "1.2.840.10008.1.2.2");
  assert.ok(bigEndian.length > 0);
  for (const { file } of bigEndian) {
    const out = join(cache, file.replace(/\W/g, "_") + ".le.dcm");
    if (!existsSync(out)) execFileSync("dcmconv", ["+te", join(DATA_DIR, file), out], { stdio: "ignore" });
    const big = scanDicom(new Uint8Array(readFileSync(join(DATA_DIR, file))));
    const little = scanDicom(new Uint8Array(readFileSync(out)));
    for (let k = 0; k < big.format.numberOfFrames; k++) {
      const a = nativeFrame(big.native!, big.format, k, { littleEndian: false, vr: big.pixelVr }).pixels;
      const b = nativeFrame(little.native!, little.format, k, LE).pixels;
      assert.deepEqual(a, b, `${file} frame ${k}`);
    }
  }
});
