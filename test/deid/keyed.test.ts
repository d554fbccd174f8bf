import { test } from "node:test";
import assert from "node:assert/strict";
import { secretFromText } from "../../src/deid/keyed.js";
import { remapUid, isWellKnownUid } from "../../src/deid/uids.js";
import { patientDayOffset, shiftDA, shiftDT, shiftDateValue } from "../../src/deid/dates.js";
import { parseMappingCsv, pseudonymFor } from "../../src/deid/pseudonym.js";

const s1 = secretFromText("secret-one");
const s2 = secretFromText("secret-two");

test("when a UID is remapped twice with the same secret then both results are equal 2.25 UIDs", () => {
  const a = remapUid("1.2.3.4.5.6", s1);
  assert.equal(a, remapUid("1.2.3.4.5.6", s1));
  assert.match(a, /^2\.25\.[1-9]\d*$/);
  assert.ok(a.length <= 64);
  assert.notEqual(a, remapUid("1.2.3.4.5.6", s2));
  assert.notEqual(a, remapUid("1.2.3.4.5.7", s1));
});

test("when a UID is well-known (class, transfer syntax) then it is kept", () => {
  assert.equal(remapUid("1.2.840.10008.5.1.4.1.1.2", s1), "1.2.840.10008.5.1.4.1.1.2");
  assert.ok(isWellKnownUid("1.2.840.10008.1.2.1"));
});

for (const [when, input, days, expected] of [
  ["a DA is shifted forward across a month end", "19990130", 5, "19990204"],
  ["a DA is shifted back across a leap day", "20000301", -1, "20000229"],
  ["a DA is not a date", "1999XXXX", 3, undefined],
] as const) {
  test(`when ${when} then the result is ${expected}`, () => assert.equal(shiftDA(input, days), expected));
}

test("when a DT with time and timezone is shifted then precision, time and offset are kept", () => {
  assert.equal(shiftDT("19990923143015.123456+0100", 10), "19991003143015.123456+0100");
  assert.equal(shiftDT("1999", 400), "2000");
  assert.equal(shiftDateValue("DA", "19990101-19990131", 1), "19990102-19990201");
});

test("when patient offsets are drawn then they are keyed, non-zero and within range", () => {
  for (let i = 0; i < 200; i++) {
    const d = patientDayOffset(s1, `P${i}`, { maxDays: 30 });
    assert.ok(d !== 0 && Math.abs(d) <= 30);
    assert.equal(d, patientDayOffset(s1, `P${i}`, { maxDays: 30 }));
  }
});

test("when a pseudonym is made then it is keyed and carries the prefix", () => {
  const p = pseudonymFor(s1, "12345", { prefix: "STUDY7" });
  assert.match(p.id, /^STUDY7-[0-9A-Z]{10}$/);
  assert.deepEqual(p, pseudonymFor(s1, "12345", { prefix: "STUDY7" }));
  assert.notEqual(p.id, pseudonymFor(s2, "12345", { prefix: "STUDY7" }).id);
});

test("when a mapping file is given then mapped patients get its IDs and others fail", () => {
  const m = parseMappingCsv("original_id,new_id,new_name\n12345,SUBJ-001,SUBJ^001\n# comment\n777,SUBJ-002\n");
  assert.deepEqual(pseudonymFor(s1, "12345", { prefix: "X", mapping: m }), { id: "SUBJ-001", name: "SUBJ^001" });
  assert.deepEqual(pseudonymFor(s1, "777", { prefix: "X", mapping: m }), { id: "SUBJ-002", name: "SUBJ-002" });
  assert.throws(() => pseudonymFor(s1, "999", { prefix: "X", mapping: m }), /not found in the mapping/);
  assert.throws(() => parseMappingCsv("a,b\nonly-one-cell\n"), /line 2/);
});

test("when a pseudonym length is asked for then the keyed code has that many characters, and a shorter one is its start", () => {
  const long = pseudonymFor(s1, "12345", { prefix: "STUDY7", length: 16 });
  assert.match(long.id, /^STUDY7-[0-9A-Z]{16}$/);
  assert.ok(long.id.startsWith(pseudonymFor(s1, "12345", { prefix: "STUDY7" }).id));
});

test("when a mapping file quotes its cells then commas and doubled quotes inside them are kept", () => {
  const m = parseMappingCsv('original_id,new_id,new_name\n"12345","SUBJ-001","DOE, JOHN ""JJ"""\n 777 , SUBJ-002 \n');
  assert.deepEqual(m["12345"], { id: "SUBJ-001", name: 'DOE, JOHN "JJ"' });
  assert.deepEqual(m["777"], { id: "SUBJ-002" });
  assert.throws(() => parseMappingCsv('a,b\n"12345,SUBJ-001\n'), /line 2: a quote is not closed/);
});
