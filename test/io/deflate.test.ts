import { test } from "node:test";
import assert from "node:assert/strict";
import { deflateRawSync } from "node:zlib";
import { deflateDataset, inflateDataset, looksLikeExplicitVr } from "../../src/io/deflate.js";

/**
 * An explicit VR LE dataset: (0008,0005) CS "ISO_IR 100", then (0009,0010) OB of 4,000 bytes of
 * varying, compressible content (large enough for dynamic Huffman blocks, whose first bytes vary).
 */
function dataset(i: number): Uint8Array {
  const head = [0x08, 0x00, 0x05, 0x00, 0x43, 0x53, 0x0a, 0x00, ..."ISO_IR 100"].map((c) => (typeof c === "string" ? c.charCodeAt(0) : c));
  const n = 4000;
  const ob = [0x09, 0x00, 0x10, 0x00, 0x4f, 0x42, 0, 0, n & 0xff, n >> 8, 0, 0];
  let x = (i + 1) * 2654435761 >>> 0;
  const body = Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) >>> 0;
    return 0x41 + ((x >>> 16) % (4 + (i % 20)));
  });
  return Uint8Array.from([...head, ...ob, ...body]);
}

test("when a deflated dataset would start like an explicit VR element then an empty stored block comes first, and it inflates back", () => {
  let avoided = 0;
  for (let i = 0; i < 400; i++) {
    const bytes = dataset(i);
    const out = deflateDataset(bytes);
    assert.deepEqual(inflateDataset(out), bytes);
    if (looksLikeExplicitVr(new Uint8Array(deflateRawSync(bytes, { level: 6 })))) {
      avoided++;
      assert.equal(looksLikeExplicitVr(out), false, `dataset ${i}`);
      assert.deepEqual([...out.subarray(0, 5)], [0x00, 0x00, 0x00, 0xff, 0xff]);
    } else {
      // The usual stream when it does not look like one.
      assert.deepEqual(out, new Uint8Array(deflateRawSync(bytes, { level: 6 })));
    }
  }
  assert.ok(avoided > 0, "some level-6 streams start like a VR");
});

test("when bytes 4 and 5 are both 0x41-0x7F then the stream looks like an explicit VR element", () => {
  assert.equal(looksLikeExplicitVr(Uint8Array.from([0xec, 0xbd, 0x6b, 0xa8, 0x75, 0x6b, 0x76])), true); // "uk"
  assert.equal(looksLikeExplicitVr(Uint8Array.from([0xec, 0xbd, 0x6b, 0xa8, 0x35, 0x6d])), false); // "5m"
  assert.equal(looksLikeExplicitVr(Uint8Array.from([0xec, 0xfd, 0x6d, 0xa8, 0x6d, 0xed])), false); // 0xED is past 0x7F
  assert.equal(looksLikeExplicitVr(Uint8Array.from([1, 2, 3])), false);
});
