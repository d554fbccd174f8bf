import assert from "node:assert/strict";
import { test } from "node:test";
import { reasonColour } from "../../src/report/colours.js";
import { thumbnail, thumbnailPng } from "../../src/report/thumbnail.js";
import { rendered } from "../../src/pixels/render/rendered.js";

test("when an image is larger than the thumbnail then it is scaled to fit, keeping its aspect", () => {
  const t = thumbnail(rendered(1024, 512, 1, new Uint8Array(1024 * 512).fill(100)), { maxSize: 256 });
  assert.equal(t.width, 256);
  assert.equal(t.height, 128);
  assert.equal(t.channels, 3);
  assert.equal(t.data[0], 100);
});

test("when a box is drawn then its outline has the colour of its reason and its inside is kept", () => {
  const t = thumbnail(rendered(100, 100, 1, new Uint8Array(10000).fill(0)), { maxSize: 50, boxes: [{ x: 20, y: 20, w: 40, h: 40, reason: "person-name" }] });
  const at = (x: number, y: number) => Array.from(t.data.subarray((y * 50 + x) * 3, (y * 50 + x) * 3 + 3));
  assert.deepEqual(at(10, 10), [...reasonColour("person-name")]);
  assert.deepEqual(at(29, 20), [...reasonColour("person-name")]);
  assert.deepEqual(at(20, 20), [0, 0, 0]);
  assert.deepEqual(at(5, 5), [0, 0, 0]);
});

test("when a thumbnail is encoded then it is a PNG", async () => {
  const png = await thumbnailPng(rendered(8, 8, 3, new Uint8Array(192)));
  assert.deepEqual(Array.from(png.subarray(1, 4)), [0x50, 0x4e, 0x47]);
});

test("when a reason is not in the table then its colour is stable", () => {
  assert.deepEqual(reasonColour("some-recognizer"), reasonColour("some-recognizer"));
});
