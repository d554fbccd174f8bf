import { test } from "node:test";
import assert from "node:assert/strict";
import { resolveConfusables, skeleton } from "../../src/phi/ocr-fold.js";

const resolveCases: Array<[string, string, string]> = [
  ["digits read as letters inside a date", "O8/O4/l932", "08/04/1932"],
  ["letters read as digits inside a name", "5EXT0N", "SEXTON"],
  ["a month glued to a year", "Sep1999", "Sep1999"],
  ["a tie between one letter and one digit", "S1", "S1"],
  ["a number with a majority of digits", "S12", "512"],
  ["an ordinary label", "ID", "ID"],
  ["text without confusables", "Hello 42", "Hello 42"],
];
for (const [what, input, expected] of resolveCases) {
  test(`when resolving ${what} then confusables take their neighbours' kind`, () => {
    const out = resolveConfusables(input);
    assert.equal(out, expected);
    assert.equal(out.length, input.length);
  });
}

const skeletonCases: Array<[string, string, string]> = [
  ["O and 0", "DOE", "D0E"],
  ["I, l and 1", "Il1", "111"],
  ["S and 5, B and 8", "SB", "58"],
  ["case and punctuation", "Doe-Jane", "DOE JANE"],
  ["accents", "José", "JOSE"],
];
for (const [what, a, b] of skeletonCases) {
  test(`when comparing skeletons differing by ${what} then they are equal`, () => {
    assert.equal(skeleton(a), skeleton(b));
  });
}

test("when digits are not confusable (9 vs 6) then skeletons differ", () => {
  assert.notEqual(skeleton("1996"), skeleton("1966"));
});
