import { test } from "node:test";
import assert from "node:assert/strict";
import { isFirstName, lexiconSizes, surnameRank } from "../../src/phi/lexicons.js";

test("when the lexicons load then they hold thousands of entries", () => {
  const s = lexiconSizes();
  assert.ok(s.firstNames > 5000 && s.surnames > 20000);
});

const cases: Array<[string, boolean, boolean]> = [
  ["Mary", true, true], ["JOHN", true, true], ["Beasley", false, true], ["abdomen", false, false], ["pelvis", false, false],
];
for (const [w, first, sur] of cases) {
  test(`when looking up "${w}" then first name is ${first} and surname is ${sur}`, () => {
    assert.equal(isFirstName(w), first);
    assert.equal(surnameRank(w) > 0, sur);
  });
}

test("when ranking surnames then more common names rank first", () => {
  assert.ok(surnameRank("smith") < surnameRank("sexton"));
});
