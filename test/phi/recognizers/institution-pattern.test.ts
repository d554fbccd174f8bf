import { test } from "node:test";
import assert from "node:assert/strict";
import { flagged } from "../helpers.js";

const only = { recognizers: ["institution-pattern"] };
const cases: Array<[string, string[]]> = [
  ["Institution Name: Quillfeather, Brandt and Osei Community Hospital", ["INSTITUTION:Quillfeather, Brandt and Osei Community Hospital"]],
  ["Larkmoor-Voss Medical Clinic", ["INSTITUTION:Larkmoor-Voss Medical Clinic"]],
  ["Hollowell Memorial", ["INSTITUTION:Hollowell Memorial"]],
  ["Hospital of Saint Quentin", ["INSTITUTION:Hospital of Saint Quentin"]],
  ["GE MEDICAL SYSTEMS", []],
  ["Community Hospital", []],
  ["Department of Radiology", []],
];
for (const [text, expected] of cases) {
  test(`when "${text}" is analysed then institution-pattern reports ${expected.length ? expected.join(", ") : "nothing"}`, () => {
    assert.deepEqual(flagged(text, undefined, only), expected);
  });
}
