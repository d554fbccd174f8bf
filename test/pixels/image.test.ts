import { test } from "node:test";
import assert from "node:assert/strict";
import { DicomError } from "../../src/core/errors.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { openPixels, readFrame } from "../../src/pixels/image.js";
import { fixtureBytes } from "../helpers/hex.js";

test("when an encapsulated frame does not decode, then the error names PixelData, the frame and its fragment's offset", async () => {
  // RLE, 3 samples of 16 bits: the frame's fragment starts with a 64-byte RLE header (segment count, offsets).
  const bytes = fixtureBytes("dicom/SC_rgb_rle_16bit.dcm").slice();
  const src = openPixels(readDicom(bytes));
  const fragment = src.element.fragments![src.frames![0][0] + 1];
  fragment.value.fill(0xff, 0, 4); // segment count 0xFFFFFFFF: not 1..15
  await assert.rejects(readFrame(src, 0), (e: unknown) => {
    assert.ok(e instanceof DicomError);
    assert.equal(e.tagPath, "PixelData (7FE0,0010) frame 0");
    assert.equal(e.offset, fragment.offset);
    assert.match(e.message, /^DECODE at PixelData \(7FE0,0010\) frame 0, offset \d+: /);
    return true;
  });
});

test("when native pixel data is shorter than a frame, then the error names PixelData and the element's offset", async () => {
  const file = readDicom(fixtureBytes("dicom/MR_small_implicitLE.dcm").slice());
  const src = openPixels(file);
  const short = { ...src, element: { ...src.element, value: src.element.value!.subarray(0, 10) } };
  await assert.rejects(readFrame(short, 0), (e: unknown) => e instanceof DicomError && e.code === "TRUNCATED" &&
    e.tagPath !== undefined && e.offset === src.element.offset);
});

test("when the Basic Offset Table does not fit the fragments but the stream markers do, then the frames come from the markers and the source says why", async () => {
  const bytes = fixtureBytes("dicom/SC_rgb_rle_16bit.dcm").slice();
  const before = await readFrame(openPixels(readDicom(bytes)), 0);
  const file = readDicom(bytes);
  const items = file.dataset.get(0x7fe00010)!.fragments!;
  // Two offsets for one frame (a writer's extra end offset): the table does not fit.
  items[0] = { ...items[0], value: Uint8Array.from([0, 0, 0, 0, 8, 0, 0, 0]) };
  const src = openPixels(file);
  assert.deepEqual(src.frames, [[0]]);
  assert.match(src.tableIgnored ?? "", /^the Basic Offset Table has 2 offsets for 1 frames; frames found by their start markers$/);
  assert.deepEqual((await readFrame(src, 0)).pixels, before.pixels);
  assert.equal(openPixels(readDicom(fixtureBytes("dicom/SC_rgb_rle_16bit.dcm"))).tableIgnored, undefined);
});
