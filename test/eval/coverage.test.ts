import assert from "node:assert/strict";
import { test } from "node:test";
import { isDicomError } from "../../src/core/errors.js";
import { measureCoverage } from "../../src/eval/coverage.js";
import { parseOverlayPhi } from "../../src/eval/ground-truth.js";
import { paintedFixture, redacted } from "./helpers.js";

// A 64 x 64 fixture with "burned-in text": a key box and a value box painted bright.
const KEY = { x: 4, y: 4, w: 16, h: 8 };
const VALUE = { x: 24, y: 4, w: 30, h: 8 };
const original = paintedFixture([KEY, VALUE], 4000);
const truth = parseOverlayPhi({
  annotation: [{ key: { text: "ID", bbox: [4, 4, 20, 12] }, value: { text: "12345", bbox: [24, 4, 54, 12] } }],
});

test("when exactly the value box is redacted then it is hidden and precision is 1", async () => {
  const c = await measureCoverage(original, await redacted(original, [VALUE]), truth);
  assert.equal(c.hidden, 1);
  assert.equal(c.hiddenStrict, 1);
  assert.equal(c.redactedPx, 30 * 8);
  assert.equal(c.precision, 1);
  assert.deepEqual(c.rects, [{ frame: 0, ...VALUE }]);
});

test("when 90 % of the value box is redacted then it counts as hidden, but not strictly", async () => {
  const c = await measureCoverage(original, await redacted(original, [{ ...VALUE, w: 27 }]), truth);
  assert.equal(c.values[0].share, 0.9);
  assert.equal(c.hidden, 1);
  assert.equal(c.hiddenStrict, 0);
});

test("when 80 % of the value box is redacted then it is not hidden", async () => {
  const c = await measureCoverage(original, await redacted(original, [{ ...VALUE, w: 24 }]), truth);
  assert.equal(c.values[0].share, 0.8);
  assert.equal(c.hidden, 0);
});

test("when the redaction spills outside the text block then precision counts the spill", async () => {
  // Block = key and value boxes grown by 3 px: x 1..56, y 1..14. The rectangle x 24..63 spills 7 columns.
  const c = await measureCoverage(original, await redacted(original, [{ x: 24, y: 4, w: 40, h: 8 }]), truth);
  assert.equal(c.hidden, 1);
  assert.equal(c.redactedPx, 40 * 8);
  assert.equal(c.insideBlockPx, 33 * 8);
  assert.equal(c.precision, 33 / 40);
});

test("when an image has no ground truth then precision is undefined, not 0", async () => {
  const c = await measureCoverage(original, await redacted(original, [VALUE]), undefined);
  assert.equal(c.values.length, 0);
  assert.equal(c.redactedPx, 240);
  assert.equal(c.precision, null);
});

test("when the output has another geometry then the measurement fails closed", async () => {
  const other = new Uint8Array(original);
  // Rows (0028,0010) is 64 in the fixture: find the implicit-VR element and make it 32.
  const at = other.findIndex((_, i) => other[i] === 0x28 && other[i + 1] === 0 && other[i + 2] === 0x10 && other[i + 3] === 0 && other[i + 4] === 2);
  other[at + 8] = 32;
  await assert.rejects(measureCoverage(original, other, truth), (e) => isDicomError(e));
});

test("when a value box holds only the fill and nothing changed in it then it counts as hidden", async () => {
  // The value box is already at the fill (-32768, the darkest stored value); the redaction beside it changes pixels.
  const dark = paintedFixture([{ x: 4, y: 4, w: 16, h: 8 }, VALUE], -32768);
  const c = await measureCoverage(dark, await redacted(dark, [{ x: 4, y: 20, w: 10, h: 10 }]), truth);
  assert.equal(c.values[0].covered, VALUE.w * VALUE.h);
  assert.equal(c.hidden, 1);
});

test("when a value box holds one sample value throughout then it is inkless; with anything drawn in it, it is not", async () => {
  const flat = await measureCoverage(original, original, truth);
  assert.equal(flat.values[0].inkless, true);
  const half = parseOverlayPhi({ annotation: [{ value: { text: "12345", bbox: [20, 4, 54, 12] } }] });
  const drawn = await measureCoverage(original, original, half);
  assert.equal(drawn.values[0].inkless, false);
});

test("when the part of a value box that differs from its band is covered then its visible ink counts as hidden, though its box does not", async () => {
  // Box x 20..54: columns 20-23 show the image, 24-53 are the flat painted band (the box's commonest value).
  const half = parseOverlayPhi({ annotation: [{ value: { text: "12345", bbox: [20, 4, 54, 12] } }] });
  const visible = await measureCoverage(original, await redacted(original, [{ x: 20, y: 4, w: 4, h: 8 }]), half);
  assert.equal(visible.values[0].hidden, false);
  assert.equal(visible.values[0].inkShare, 1);
  assert.equal(visible.values[0].inkHidden, true);
  const band = await measureCoverage(original, await redacted(original, [{ x: 30, y: 4, w: 24, h: 8 }]), half);
  assert.equal(band.values[0].inkShare, 0);
  assert.equal(band.values[0].inkHidden, false);
});
