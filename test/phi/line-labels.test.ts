import { test } from "node:test";
import assert from "node:assert/strict";
import { labelledLines } from "../../src/phi/line-labels.js";

test("when lines open with PHI labels then labelledLines names the entity, the separator and the unknown words after it", () => {
  const found = labelledLines([
    { text: "Age:", line: 0 }, { text: "ors", line: 0 },
    { text: "Study", line: 1 }, { text: "Date:", line: 1 },
    { text: "PORTABLE", line: 2 },
    { text: "Sex:", line: 3 }, { text: "PORTABLE", line: 3 },
  ]);
  assert.deepEqual(found.map((l) => [l.line, l.entity, l.marked, l.valueWords, l.allowedAfter]), [
    [0, "AGE", true, [1], 0],
    [1, "DATE", true, [], 0],
    [3, "SEX", true, [], 1],
  ]);
});

test("when a label stands mid-line then it is not a labelled line", () => {
  assert.deepEqual(labelledLines([{ text: "PORTABLE", line: 0 }, { text: "Name:", line: 0 }, { text: "x", line: 0 }]), []);
});
