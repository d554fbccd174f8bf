import assert from "node:assert/strict";
import { test } from "node:test";
import { tag } from "../../../src/core/tag.js";
import { applyPalette, readPalette } from "../../../src/pixels/render/palette.js";
import { dataset, type Entry, words } from "./helpers.js";

const DESC = [tag(0x0028, 0x1101), tag(0x0028, 0x1102), tag(0x0028, 0x1103)];
const DATA = [tag(0x0028, 0x1201), tag(0x0028, 0x1202), tag(0x0028, 0x1203)];
const SEG = [tag(0x0028, 0x1221), tag(0x0028, 0x1222), tag(0x0028, 0x1223)];

/** Three tables with the same descriptor; blue is red reversed, green is constant. */
function plain(descriptor: number[], red: Uint8Array, green: Uint8Array, blue: Uint8Array, littleEndian = true): Entry[] {
  return [
    ...DESC.map((t): Entry => [t, "US", descriptor]),
    [DATA[0], "OW", red], [DATA[1], "OW", green], [DATA[2], "OW", blue],
  ].map((e) => (e[1] === "US" && !littleEndian ? [e[0], "US", words(e[2] as number[], false)] : e) as Entry);
}

test("when a palette has 16-bit entries then they are scaled to 8 bits and indices clamp", () => {
  // PS3.3 C.7.6.3.1.5: 3 entries, first mapped value 10, 16 bits.
  const ds = dataset(plain([3, 10, 16], words([0, 0x8080, 0xffff]), words([0xffff, 0xffff, 0xffff]), words([0xffff, 0x8080, 0])));
  const palette = readPalette(ds);
  const rgb = applyPalette(Uint16Array.from([9, 10, 11, 12, 13]), 5, palette);
  assert.deepEqual([...rgb], [0, 255, 255, 0, 255, 255, 128, 255, 128, 255, 255, 0, 255, 255, 0]);
});

test("when a palette has 8-bit entries one per word then they are used as they are", () => {
  const ds = dataset(plain([2, 0, 8], words([0, 200]), words([7, 7]), words([200, 0])));
  assert.deepEqual([...applyPalette(Uint8Array.from([0, 1]), 2, readPalette(ds))], [0, 7, 200, 200, 7, 0]);
});

test("when a palette has 8-bit entries packed two per word then each byte is an entry", () => {
  const ds = dataset(plain([4, 0, 8], Uint8Array.from([0, 1, 2, 3]), Uint8Array.from([4, 5, 6, 7]), Uint8Array.from([8, 9, 10, 11])));
  assert.deepEqual([...applyPalette(Uint8Array.from([3]), 1, readPalette(ds))], [3, 7, 11]);
});

test("when a palette is declared 16-bit but holds 8-bit values then they are not divided", () => {
  const ds = dataset(plain([2, 0, 16], words([0, 255]), words([0, 255]), words([0, 255])));
  assert.deepEqual([...applyPalette(Uint8Array.from([1]), 1, readPalette(ds))], [255, 255, 255]);
});

test("when the dataset is big endian then the palette words are read big endian", () => {
  const ds = dataset(plain([2, 0, 16], words([0, 0xffff], false), words([0xffff, 0], false), words([0, 0x8080], false), false), false);
  assert.deepEqual([...applyPalette(Uint8Array.from([0, 1]), 2, readPalette(ds))], [0, 255, 0, 255, 0, 128]);
});

test("when the palette is segmented then it is expanded before use (PS3.3 C.7.9.2)", () => {
  // 65536 entries (descriptor 0), 16-bit: discrete [0, 0x4000], then linear to 0xC000 over 2.
  const seg = words([0, 2, 0, 0x4000, 1, 2, 0xc000]);
  const ds = dataset([...DESC.map((t): Entry => [t, "US", [0, 0, 16]]), [SEG[0], "OW", seg], [SEG[1], "OW", seg], [SEG[2], "OW", seg]]);
  const rgb = applyPalette(Uint16Array.from([0, 1, 2, 3, 60000]), 5, readPalette(ds));
  assert.deepEqual([...rgb].filter((_, i) => i % 3 === 0), [0, 64, 128, 191, 191]);
});

test("when the palette data is missing then BAD_VALUE names the attribute", () => {
  const ds = dataset(DESC.map((t): Entry => [t, "US", [2, 0, 8]]));
  assert.throws(() => readPalette(ds), { code: "BAD_VALUE", tagPath: "(0028,1201)" });
  assert.throws(() => readPalette(dataset([])), { code: "BAD_VALUE", tagPath: "(0028,1101)" });
});

test("when 32-bit indices lie far outside the palette then they clamp to its ends", () => {
  const ds = dataset(plain([2, 5, 8], words([10, 20]), words([10, 20]), words([10, 20])));
  const rgb = applyPalette(Uint32Array.from([0, 5, 6, 2 ** 32 - 1]), 4, readPalette(ds));
  assert.deepEqual([...rgb].filter((_, i) => i % 3 === 0), [10, 10, 20, 20]);
});
