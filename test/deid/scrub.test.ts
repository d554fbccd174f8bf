import { test } from "node:test";
import assert from "node:assert/strict";
import { identityScrubber } from "../../src/deid/scrub.js";
import type { IdentifyingValue } from "../../src/deid/residual.js";

const v = (value: string, from: string): IdentifyingValue => ({ value, from, wholeWord: true });
const scrub = identityScrubber([v("SMITH JOHN", "a person name"), v("SMITH", "a person name"), v("A12345", "an identifier"), v("19991231", "a date")]);

// [when, text, expected]
const cases: [string, string, string][] = [
  ["the name is written family-first with a caret", "ref SMITH^JOHN ok", "ref [REMOVED] ok"],
  ["the name is written given-first in mixed case", "for John Smith.", "for [REMOVED]."],
  ["the name is written with a comma", "Smith, John", "[REMOVED]"],
  ["only the family name is written", "Mr smith called", "Mr [REMOVED] called"],
  ["the family name is part of a longer word", "SMITHSON and BLACKSMITH", "SMITHSON and BLACKSMITH"],
  ["an ID stands alone", "acc A12345/2", "acc [REMOVED]/2"],
  ["an ID is part of a longer one", "A123456", "A123456"],
  ["a date is written day-first, month-first and ISO", "31/12/1999 12/31/1999 1999-12-31 19991231", "[REMOVED] [REMOVED] [REMOVED] [REMOVED]"],
  ["there is nothing identifying", "lesion stable, 12 mm", "lesion stable, 12 mm"],
];

for (const [when, text, expected] of cases) {
  test(`when ${when} then the scrubbed text is "${expected}"`, () => assert.equal(scrub(text), expected));
}

test("when a file has no identifying value then the scrubber returns the text unchanged", () => {
  assert.equal(identityScrubber([])("SMITH JOHN"), "SMITH JOHN");
});

test("when a value holds regex characters then it is matched literally", () => {
  assert.equal(identityScrubber([v("O.BRIEN (JR)", "a person name")])("x O.BRIEN (JR) y OXBRIEN (JR)"), "x [REMOVED] y OXBRIEN (JR)");
});

test("when a name holds an apostrophe or an accent then it is found in either order", () => {
  const s = identityScrubber([v("O'BRIEN SEAN", "a person name"), v("MÜLLER HANS", "a person name")]);
  assert.equal(s("Sean O'Brien and Hans Müller, then O'BRIEN^SEAN"), "[REMOVED] and [REMOVED], then [REMOVED]");
});

test("when a name is written in Japanese then it is found with either separator", () => {
  const s = identityScrubber([v("やまだ たろう", "a person name"), v("山田 太郎", "a person name")]);
  assert.equal(s("Report for やまだ^たろう and 山田 太郎: stable"), "Report for [REMOVED] and [REMOVED]: stable");
});
