import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DicomError } from "../../src/core/errors.js";
import { type EncapsulatedPixelData, frameFragments, joinFragments } from "../../src/pixels/fragments.js";
import { scanDicom } from "./helpers/dicom-scan.js";
import { DATA_DIR, codecTestFiles } from "./helpers/reference.js";

const SOI = [0xff, 0xd8, 0xff, 0xdb];
const EOI = [0xff, 0xd9];
const SOC = [0xff, 0x4f, 0xff, 0x51];

/** Encapsulated data from fragment values, with offsets as a writer would lay out the items. */
function encapsulated(fragments: number[][], bot: number[] = []): EncapsulatedPixelData {
  const offsets: number[] = [];
  let at = 0;
  for (const f of fragments) {
    offsets.push(at);
    at += 8 + f.length;
  }
  const table = new Uint8Array(bot.length * 4);
  bot.forEach((o, i) => new DataView(table.buffer).setUint32(i * 4, o, true));
  return { basicOffsetTable: table, fragments: fragments.map((f) => Uint8Array.from(f)), fragmentOffsets: offsets };
}

const isError = (code: string) => (e: unknown) => e instanceof DicomError && e.code === code;

test("when the Basic Offset Table is present then it decides which fragments make each frame", () => {
  const data = encapsulated([[...SOI, 1, 2], [3, 4, ...EOI], [...SOI, ...EOI]], [0, 26]);
  assert.deepEqual(frameFragments(data, { numberOfFrames: 2 }), [[0, 1], [2]]);
  assert.deepEqual([...joinFragments(data, [0, 1])], [...SOI, 1, 2, 3, 4, ...EOI]);
});

test("when the BOT is empty and fragments equal frames then each fragment is a frame", () => {
  const data = encapsulated([[1, 2], [3, 4], [5, 6]]);
  assert.deepEqual(frameFragments(data, { numberOfFrames: 3 }), [[0], [1], [2]]);
});

test("when the BOT is empty and there is one frame then every fragment belongs to it", () => {
  const data = encapsulated([[...SOI, 1, 2], [3, 4], [5, ...EOI]]);
  assert.deepEqual(frameFragments(data, { numberOfFrames: 1 }), [[0, 1, 2]]);
});

test("when the BOT is empty and frames span fragments then JPEG SOI markers after EOI start frames", () => {
  // The second fragment starts with FFD8FF by chance but does not follow an EOI: not a frame start.
  const data = encapsulated([[...SOI, 1, 2], [0xff, 0xd8, 0xff, 9, ...EOI], [...SOI, 7], [8, ...EOI, 0]]);
  assert.deepEqual(frameFragments(data, { numberOfFrames: 2, transferSyntaxUid: "1.2.840.10008.1.2.4.50" }), [[0, 1], [2, 3]]);
});

test("when the BOT is empty and frames span fragments then J2K SOC SIZ markers start frames", () => {
  const data = encapsulated([[...SOC, 1, 2], [3, ...EOI], [...SOC, 5], [6, ...EOI]]);
  assert.deepEqual(frameFragments(data, { numberOfFrames: 2 }), [[0, 1], [2, 3]]);
});

test("when the BOT is empty and frame starts cannot be found then it fails closed", () => {
  const data = encapsulated([[...SOI, 1], [2, ...EOI], [3, 4]]);
  assert.throws(() => frameFragments(data, { numberOfFrames: 2 }), isError("BAD_ITEM"));
  assert.throws(() => frameFragments(encapsulated([[1], [2]]), { numberOfFrames: 3 }), isError("UNSUPPORTED"));
});

test("when the BOT does not fit and the fragments carry no stream markers then it fails closed", () => {
  const frags = [[1, 2], [3, 4]];
  assert.throws(() => frameFragments(encapsulated(frags, [0]), { numberOfFrames: 2 }), isError("BAD_ITEM"), "too few offsets");
  assert.throws(() => frameFragments(encapsulated(frags, [0, 13]), { numberOfFrames: 2 }), isError("BAD_ITEM"), "not an item");
  assert.throws(() => frameFragments(encapsulated(frags, [10, 0]), { numberOfFrames: 2 }), isError("BAD_ITEM"), "first not 0");
  assert.throws(() => frameFragments(encapsulated(frags, [0, 0]), { numberOfFrames: 2 }), isError("BAD_ITEM"), "not increasing");
  const odd = { ...encapsulated(frags), basicOffsetTable: new Uint8Array(6) };
  assert.throws(() => frameFragments(odd, { numberOfFrames: 2 }), isError("BAD_ITEM"), "length not a multiple of 4");
});

test("when the BOT does not fit but the start markers find one stream per frame then they give the frames, and why is told", () => {
  const frags = [[...SOI, ...EOI], [...SOI, ...EOI]];
  // As an odd-length fragment's writer leaves it: one offset too many, the second off by one byte.
  for (const bot of [[0, 15, 30], [0, 13], [0], [12, 0]]) {
    const told: string[] = [];
    const frames = frameFragments(encapsulated(frags, bot), { numberOfFrames: 2, onTableIgnored: (r) => told.push(r) });
    assert.deepEqual(frames, [[0], [1]], `BOT ${bot}`);
    assert.equal(told.length, 1);
    assert.match(told[0], /^the Basic Offset Table .*; frames found by their start markers$/);
  }
  // A second stream start that does not follow an end marker is not one: the table's error stands.
  const joined = [[...SOI, 1], [...SOI, ...EOI]];
  assert.throws(() => frameFragments(encapsulated(joined, [0]), { numberOfFrames: 2 }), isError("BAD_ITEM"));
  // A table that fits is used as it is, and nothing is told.
  const told: string[] = [];
  assert.deepEqual(frameFragments(encapsulated(frags, [0, 14]), { numberOfFrames: 2, onTableIgnored: (r) => told.push(r) }), [[0], [1]]);
  assert.deepEqual(told, []);
});

test("when an Extended Offset Table is present then it is used and checked", () => {
  const data = encapsulated([[...SOI, 1, ...EOI], [...SOI, ...EOI]]);
  const extendedOffsetTable = { offsets: [0n, 15n], lengths: [7n, 6n] };
  assert.deepEqual(frameFragments(data, { numberOfFrames: 2, extendedOffsetTable }), [[0], [1]]);
  assert.throws(
    () => frameFragments(data, { numberOfFrames: 2, extendedOffsetTable: { offsets: [0n, 15n], lengths: [7n, 9n] } }),
    isError("BAD_VALUE"),
  );
  assert.throws(() => frameFragments(data, { numberOfFrames: 2, extendedOffsetTable: { offsets: [0n] } }), isError("BAD_VALUE"));
});

test("when encapsulated corpus files are split into frames then every frame starts with its codec's marker", async (t) => {
  if (!DATA_DIR) return t.skip("../shared/data is absent");
  let checked = 0;
  for (const { file, transferSyntax } of codecTestFiles()) {
    const scan = scanDicom(new Uint8Array(readFileSync(join(DATA_DIR, file))));
    if (!scan.encapsulated) continue;
    const groups = frameFragments(scan.encapsulated, { numberOfFrames: scan.format.numberOfFrames, transferSyntaxUid: transferSyntax });
    assert.equal(groups.length, scan.format.numberOfFrames, file);
    assert.deepEqual(groups.flat(), scan.encapsulated.fragments.map((_, i) => i), `${file}: every fragment used once, in order`);
    for (const g of groups) {
      const first = scan.encapsulated.fragments[g[0]];
      const rle = transferSyntax === "1.2.840.10008.1.2.5" || transferSyntax === "1.2.840.10008.1.2.8.1";
      assert.ok(rle || (first[0] === 0xff && (first[1] === 0xd8 || first[1] === 0x4f)) || first[4] === 0x6a, `${file}: frame start`);
    }
    checked++;
  }
  assert.ok(checked > 30);
});
