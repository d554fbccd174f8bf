import { test } from "node:test";
import assert from "node:assert/strict";
import { dateSpellings, isValidDate, monthFromWord, parseDicomDate, parseDicomTime } from "../../src/phi/dates.js";

test("when parsing DA, DT and old dotted dates then year, month, day come out", () => {
  assert.deepEqual(parseDicomDate("19450315"), { y: 1945, m: 3, d: 15 });
  assert.deepEqual(parseDicomDate("20010911134507.000"), { y: 2001, m: 9, d: 11 });
  assert.deepEqual(parseDicomDate("1945.03.15"), { y: 1945, m: 3, d: 15 });
  assert.equal(parseDicomDate("19451315"), undefined);
  assert.equal(parseDicomDate(""), undefined);
});

test("when parsing TM then hours, minutes and seconds come out", () => {
  assert.deepEqual(parseDicomTime("134507.123"), { h: 13, min: 45, s: 7 });
  assert.deepEqual(parseDicomTime("1345"), { h: 13, min: 45, s: undefined });
  assert.equal(parseDicomTime("2561"), undefined);
});

test("when checking calendar dates then leap years are handled", () => {
  assert.equal(isValidDate(2000, 2, 29), true);
  assert.equal(isValidDate(1900, 2, 29), false);
  assert.equal(isValidDate(2001, 4, 31), false);
});

const months: Array<[string, number]> = [["Sep", 9], ["SEPT", 9], ["september", 9], ["Mar.", 3], ["May", 5], ["Ma", 0], ["Mayo", 0]];
for (const [w, m] of months) {
  test(`when reading month word "${w}" then it is month ${m}`, () => assert.equal(monthFromWord(w), m));
}

const spellings: Array<[string, boolean]> = [
  ["03151945", true], ["15031945", true], ["19450315", true], ["3151945", true], ["031545", true], ["31545", true],
  ["15mar1945", true], ["mar151945", true], ["1945mar15", true], ["march151945", true], ["mar1945", true],
  ["15march45", true], ["12121212", false],
];
for (const [s, present] of spellings) {
  test(`when spelling 1945-03-15 then "${s}" is ${present ? "" : "not "}among the spellings`, () => {
    assert.equal(dateSpellings({ y: 1945, m: 3, d: 15 }).some((x) => x.compact === s), present);
  });
}
