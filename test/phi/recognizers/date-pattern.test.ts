import { test } from "node:test";
import assert from "node:assert/strict";
import { flagged } from "../helpers.js";

const only = { recognizers: ["date-pattern"] };
const cases: Array<[string, string[]]> = [
  ["DOB: 07/04/1976", ["DATE:07/04/1976"]],
  ["1976-07-04", ["DATE:1976-07-04"]],
  ["4.7.1976", ["DATE:4.7.1976"]],
  ["19760704", ["DATE:19760704"]],
  ["04-JUL-1976", ["DATE:04-JUL-1976"]],
  ["July 4th, 1976", ["DATE:July 4th, 1976"]],
  ["1976 Jul 04", ["DATE:1976 Jul 04"]],
  ["SERIES Jul1976", ["DATE:Jul1976"]],
  ["07/04/76", ["DATE:07/04/76"]],
  ["exam 07/04/1976 10:32:05", ["DATE:07/04/1976", "TIME:10:32:05"]],
  ["O7/O4/l976", ["DATE:O7/O4/l976"]],
  ["W: 400 L: 40", []],
  ["1.2.840.10008.5.1", []],
  ["13/45/1976", []],
  ["version 3.2.1", []],
  ["5.0 mm 120 kV", []],
  ["1999", []],
];
for (const [text, expected] of cases) {
  test(`when "${text}" is analysed then date-pattern reports ${expected.length ? expected.join(", ") : "nothing"}`, () => {
    assert.deepEqual(flagged(text, undefined, only), expected);
  });
}

test("when a day-month-year spans two lines then it is not joined into one date", () => {
  assert.deepEqual(flagged("12\nMar 2001", undefined, only), ["DATE:Mar 2001"]);
});
