import assert from "node:assert/strict";
import { test } from "node:test";
import { foldForMatch, parsePresidioList } from "../../src/eval/ground-truth.js";
import { readableValues, wordMatchesToken } from "../../src/eval/residual-ocr.js";

// Synthetic values, no real person.
const truth = parsePresidioList([
  { label: "TESTER", left: 0, top: 0, width: 10, height: 10 },
  { label: "01/02/1934", left: 0, top: 20, width: 10, height: 10 },
  { label: "Jo M", left: 0, top: 40, width: 10, height: 10 },
]);
const words = (...texts: string[]) => texts.map((text) => ({ text }));

test("when OCR reads a value with O/0, I/1, S/5 and case confusions then it is still readable", () => {
  assert.deepEqual(readableValues(words("te5ter", "0I/O2/I934"), truth), [true, true, false]);
});

test("when OCR reads a value glued to its label then containment finds it", () => {
  assert.deepEqual(readableValues(words("DOB:01/02/1934"), truth), [false, true, false]);
});

test("when OCR reads nothing like a value then nothing is readable, and short tokens are never matched", () => {
  assert.deepEqual(readableValues(words("Jo", "M", "Study", "TEST"), truth), [false, false, false]);
});

test("when a long token is misread by one letter then it still matches, a short one does not", () => {
  assert.ok(wordMatchesToken(foldForMatch("TESTEP"), foldForMatch("TESTER")));
  assert.ok(!wordMatchesToken(foldForMatch("TEXT"), foldForMatch("TEST")));
  assert.ok(!wordMatchesToken(foldForMatch("TESXXR"), foldForMatch("TESTER")));
});
