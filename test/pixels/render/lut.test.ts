import assert from "node:assert/strict";
import { test } from "node:test";
import { tag } from "../../../src/core/tag.js";
import { effectiveBits, lookup, readLutDescriptor, readLutEntries, readLutItem } from "../../../src/pixels/render/lut.js";
import { dataset, words } from "./helpers.js";

const DESC = tag(0x0028, 0x3002);
const DATA = tag(0x0028, 0x3006);

test("when a LUT descriptor says 0 entries then it means 65536 (PS3.3 C.11.1.1)", () => {
  const ds = dataset([[DESC, "US", [0, 0, 16]]]);
  assert.deepEqual(readLutDescriptor(ds, DESC), { entries: 65536, firstMapped: 0, bits: 16 });
});

test("when the first value mapped is SS, or the input is signed, then it is read negative", () => {
  assert.equal(readLutDescriptor(dataset([[DESC, "SS", [4096, -2048, 16]]]), DESC)?.firstMapped, -2048);
  const us = dataset([[DESC, "US", [4096, 0xf800, 16]]]);
  assert.equal(readLutDescriptor(us, DESC)?.firstMapped, 0xf800);
  assert.equal(readLutDescriptor(us, DESC, { signedInput: true })?.firstMapped, -2048);
});

test("when the descriptor is read from a big endian dataset then its words are swapped", () => {
  const ds = dataset([[DESC, "US", new Uint8Array([0x01, 0x00, 0x00, 0x05, 0x00, 0x10])]], false);
  assert.deepEqual(readLutDescriptor(ds, DESC), { entries: 256, firstMapped: 5, bits: 16 });
});

const entryCases = [
  { name: "16-bit words", bits: 16, bytes: words([1, 0x8000, 0xffff]), n: 3, want: [1, 0x8000, 0xffff] },
  { name: "8-bit entries one per word", bits: 8, bytes: words([1, 2, 255]), n: 3, want: [1, 2, 255] },
  { name: "8-bit entries packed two per word", bits: 8, bytes: Uint8Array.from([1, 2, 3, 4]), n: 4, want: [1, 2, 3, 4] },
  { name: "more data than entries", bits: 16, bytes: words([5, 6, 7]), n: 2, want: [5, 6] },
];
for (const c of entryCases) {
  test(`when LUT data holds ${c.name} then the entries are read`, () => {
    const ds = dataset([[DATA, "OW", c.bytes]]);
    assert.deepEqual([...readLutEntries(ds, DATA, { entries: c.n, firstMapped: 0, bits: c.bits })], c.want);
  });
}

test("when LUT data is empty then BAD_VALUE names the tag", () => {
  const ds = dataset([[DATA, "OW", new Uint8Array(0)]]);
  assert.throws(() => readLutEntries(ds, DATA, { entries: 2, firstMapped: 0, bits: 16 }), { code: "BAD_VALUE", tagPath: "(0028,3006)" });
});

test("when entries exceed the declared bits then the effective bits grow to hold them", () => {
  assert.equal(effectiveBits(8, Uint16Array.from([0, 255])), 8);
  assert.equal(effectiveBits(8, Uint16Array.from([0, 4095])), 12);
  assert.equal(effectiveBits(0, Uint16Array.from([0])), 16);
});

test("when a value is looked up then inputs outside the table clamp to its ends", () => {
  const lut = readLutItem(dataset([[DESC, "SS", [3, -1, 16]], [DATA, "OW", words([10, 20, 30])]]))!;
  assert.deepEqual([-5, -1, 0, 1, 2, 9].map((x) => lookup(lut, x)), [10, 10, 20, 30, 30, 30]);
});
