import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeTiffPages } from "../../src/ocr/tiff-pages.js";

/** Reads the baseline fields of every page (IFD chain) of a little-endian TIFF. */
function pages(tiff: Uint8Array): { width: number; height: number; photometric: number; samples: number; pixels: Uint8Array }[] {
  const v = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  assert.deepEqual([...tiff.subarray(0, 4)], [0x49, 0x49, 42, 0]);
  const out = [];
  for (let ifd = v.getUint32(4, true); ifd !== 0; ) {
    const n = v.getUint16(ifd, true);
    const tags = new Map<number, number>();
    let last = 0;
    for (let i = 0; i < n; i++) {
      const e = ifd + 2 + 12 * i;
      const tag = v.getUint16(e, true);
      assert.ok(tag > last, "tags ascend");
      last = tag;
      const type = v.getUint16(e + 2, true);
      tags.set(tag, type === 3 && v.getUint32(e + 4, true) === 1 ? v.getUint16(e + 8, true) : v.getUint32(e + 8, true));
    }
    const start = tags.get(273)!;
    out.push({ width: tags.get(256)!, height: tags.get(257)!, photometric: tags.get(262)!, samples: tags.get(277)!, pixels: tiff.subarray(start, start + tags.get(279)!) });
    assert.equal(tags.get(259), 1, "uncompressed");
    ifd = v.getUint32(ifd + 2 + 12 * n, true);
  }
  return out;
}

test("when grey images are encoded then each is one page, in order, with its own size and bytes", () => {
  const a = { width: 3, height: 2, channels: 1 as const, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
  const b = { width: 1, height: 1, channels: 1 as const, data: Uint8Array.from([9]) };
  const p = pages(encodeTiffPages([a, b, a]));
  assert.deepEqual(p.map((x) => [x.width, x.height, x.photometric, x.samples, [...x.pixels]]), [
    [3, 2, 1, 1, [1, 2, 3, 4, 5, 6]],
    [1, 1, 1, 1, [9]],
    [3, 2, 1, 1, [1, 2, 3, 4, 5, 6]],
  ]);
});

test("when an image is RGBA then its page is RGB with the alpha dropped", () => {
  const rgba = { width: 2, height: 1, channels: 4 as const, data: Uint8Array.from([10, 20, 30, 255, 40, 50, 60, 0]) };
  const [p] = pages(encodeTiffPages([rgba]));
  assert.deepEqual([p.photometric, p.samples, [...p.pixels]], [2, 3, [10, 20, 30, 40, 50, 60]]);
});

test("when there is no image then encoding refuses", () => {
  assert.throws(() => encodeTiffPages([]), RangeError);
});
