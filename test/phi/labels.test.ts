import { test } from "node:test";
import assert from "node:assert/strict";
import { labelAt } from "../../src/phi/labels.js";
import { makeTextView } from "../../src/phi/text-view.js";

const cases: Array<[string, string | undefined, boolean]> = [
  ["Patient ID: 1", "ID", true],
  ["Institution Name: x", "INSTITUTION", true],
  ["Name: x", "PERSON", true],
  ["DOB 1/2/2000", "DATE", false],
  ["Study Date: x", "DATE", true],
  ["Patlent Sex: F", "SEX", true],
  ["PatientSex: F", "SEX", true],
  ["Hello: x", undefined, false],
  ["Aqe: 51", "AGE", true],
  ["Aqe 51", undefined, false],
];
for (const [text, entity, marked] of cases) {
  test(`when "${text}" starts with a label then labelAt finds ${entity ?? "none"}${entity ? (marked ? " with a separator" : " without a separator") : ""}`, () => {
    const m = labelAt(makeTextView(text), 0);
    assert.equal(m?.label.entity, entity);
    if (m) assert.equal(m.marked, marked);
  });
}
