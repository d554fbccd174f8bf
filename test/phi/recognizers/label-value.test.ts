import { test } from "node:test";
import assert from "node:assert/strict";
import { flagged } from "../helpers.js";

const only = { recognizers: ["label-value"] };
const cases: Array<[string, string[]]> = [
  ["Name: ZANE QUIMBY", ["PERSON:ZANE QUIMBY"]],
  ["Patient ID: X-0042", ["ID:X-0042"]],
  ["DOB: 01/02/1990", ["DATE:01/02/1990"]],
  ["Age: 44", ["AGE:44"]],
  ["Patient Sex: F", ["SEX:F"]],
  ["Sex: M Age: 44", ["SEX:M", "AGE:44"]],
  ["Study Date: 2010 Jul 01", ["DATE:2010 Jul 01"]],
  ["Institution Name: Hollowell Memorial", ["INSTITUTION:Hollowell Memorial"]],
  ["DOB 01/02/1990", ["DATE:01/02/1990"]],
  ["Patlent lD: 12345", ["ID:12345"]],
  ["Pati ent ID: 12345", ["ID:12345"]],
  ["PatientID: 12345", ["ID:12345"]],
  ["Name:", []],
  ["Age: unknown", []],
  ["Sex: N/A", ["SEX:N"]],
  ["Sex: unknown", ["SEX:unknown"]],
  ["Sex: pending review", []],
  ["Exam: CT CHEST", []],
  ["Page 1 of 2", []],
  ["Image: 12", []],
  ["Name\nZANE", []],
];
for (const [text, expected] of cases) {
  test(`when "${text.replace("\n", "\\n")}" is analysed then label-value reports ${expected.length ? expected.join(", ") : "nothing"}`, () => {
    assert.deepEqual(flagged(text, undefined, only), expected);
  });
}
