import { test } from "node:test";
import assert from "node:assert/strict";
import { unreadDateRemainder, unreadRemainder, wholeHeaderValue } from "../../src/phi/value-extent.js";
import { contextFromValues } from "../../src/phi/index.js";

const context = contextFromValues([
  { keyword: "PatientName", vr: "PN", value: "SEXTON^CARMEN" },
  { keyword: "PatientID", vr: "LO", value: "3209648408" },
  { keyword: "StudyDate", vr: "DA", value: "19990923" },
]);

const cases: Array<[string, { before: number; after: number } | undefined]> = [
  ["SEXTO|", { before: 0, after: 9 }], // widest spelling "SEXTON, CARMEN": N, comma, space and CARMEN unread
  ["CARMEN", { before: 8, after: 0 }],
  ["SEXTON CARMEN", undefined], // the whole value
  ["CARMEN SEXTON", undefined], // given name first is a whole value too
  ["964840", { before: 3, after: 1 }],
  ["32O96", { before: 0, after: 5 }], // O read for 0
  ["SEXTOM", { before: 0, after: 8 }], // one letter misread (M for N) in five or more: placed all the same
  ["SEXTOMX", undefined], // a misread letter and an extra one: only substitutions are allowed
  ["CAPMAN", undefined], // two letters misread
  ["SEXTM", { before: 0, after: 9 }], // five characters, one misread
  ["SEXM", undefined], // under five: placed only when read exactly
  ["AB", undefined], // too short to place
  ["WALKER", undefined], // not part of any value
];
for (const [read, want] of cases) {
  test(`when "${read}" is read then the unread rest of its header value is ${want ? `${want.before} before, ${want.after} after` : "nothing"}`, () => {
    assert.deepEqual(unreadRemainder(read, context), want);
  });
}

test("when part of a date spelling is read then the rest of the spelling is its remainder; a whole spelling has none", () => {
  // "1999 Sep 23" leaves 4 before, "Sep 23rd 1999" 6 after: the larger remainder wins (the safer extent).
  assert.deepEqual(unreadDateRemainder("Sep 23", context), { before: 0, after: 6 });
  assert.equal(unreadDateRemainder("1999 Sep 23", context), undefined);
  assert.equal(unreadDateRemainder("09/23/1999", context), undefined);
  assert.equal(unreadDateRemainder("Sep", context), undefined); // no digit
  // One character misread in five or more ("1O99 Sep" of 1999 Sep 23) still places the reading.
  assert.deepEqual(unreadDateRemainder("1O99 Sep", context), unreadDateRemainder("1999 Sep", context));
  assert.notEqual(unreadDateRemainder("1999 Sep", context), undefined);
  assert.equal(unreadDateRemainder("1OO9 Sep", context), undefined);
});

test("when a value holds a letter that upper-cases to two (ß) then positions still map back to the value", () => {
  const ctx = contextFromValues([{ keyword: "PatientName", vr: "PN", value: "GROß^ANNA" }]);
  // "GROß ANNA" and "GROß, ANNA": "GRO" read, the widest rest is "ß, ANNA" (7 characters).
  assert.deepEqual(unreadRemainder("GRO", ctx), { before: 0, after: 7 });
});

test("when the read text is a whole header value (any name order, look-alikes folded) then wholeHeaderValue says so; a part is not", () => {
  const ctx = contextFromValues([{ keyword: "PatientName", vr: "PN", value: "SEXTON^CARMEN" }, { keyword: "InstitutionName", vr: "LO", value: "Scott Community Hospital" }]);
  assert.equal(wholeHeaderValue("SEXTON CARMEN", ctx), true);
  assert.equal(wholeHeaderValue("CARMEN SEXT0N", ctx), true);
  assert.equal(wholeHeaderValue("Scott Community Hospital", ctx), true);
  assert.equal(wholeHeaderValue("Scott Community", ctx), false);
  assert.equal(wholeHeaderValue("SEXTON", ctx), false);
});
