import assert from "node:assert/strict";
import { test } from "node:test";
import { expandSegmentedLut } from "../../../src/pixels/render/segmented-lut.js";

// PS3.3 C.7.9.2: opcode, length, then the segment's words.
const cases: { name: string; words: number[]; entries: number; want: number[] }[] = [
  { name: "a discrete segment", words: [0, 3, 10, 20, 30], entries: 3, want: [10, 20, 30] },
  { name: "a linear segment after a discrete one", words: [0, 1, 0, 1, 4, 100], entries: 5, want: [0, 25, 50, 75, 100] },
  { name: "a falling linear segment", words: [0, 1, 90, 1, 3, 0], entries: 4, want: [90, 60, 30, 0] },
  { name: "an indirect segment copying the first", words: [0, 2, 10, 20, 1, 2, 40, 2, 1, 0, 0], entries: 6, want: [10, 20, 30, 40, 10, 20] },
  { name: "a trailing pad word", words: [0, 2, 7, 8, 0], entries: 2, want: [7, 8] },
  { name: "more entries than the descriptor allows", words: [0, 4, 1, 2, 3, 4], entries: 2, want: [1, 2] },
];
for (const c of cases) {
  test(`when segmented data holds ${c.name} then it expands to ${JSON.stringify(c.want)}`, () => {
    assert.deepEqual([...expandSegmentedLut(c.words, c.entries)], c.want);
  });
}

const bad: { name: string; words: number[] }[] = [
  { name: "a linear segment first", words: [1, 2, 100] },
  { name: "an indirect segment first", words: [2, 1, 0, 0] },
  { name: "an unknown segment type", words: [0, 1, 5, 7, 1, 5] },
  { name: "a discrete segment longer than the data", words: [0, 9, 1] },
  { name: "an indirect segment pointing past the data", words: [0, 1, 5, 2, 1, 100, 0] },
  { name: "indirect segments that point at themselves", words: [0, 1, 5, 2, 1, 3, 0] },
];
for (const c of bad) {
  test(`when segmented data has ${c.name} then BAD_VALUE is thrown`, () => {
    assert.throws(() => expandSegmentedLut(c.words, 65536), { code: "BAD_VALUE" });
  });
}
