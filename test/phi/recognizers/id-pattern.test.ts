import { test } from "node:test";
import assert from "node:assert/strict";
import { analyzeText } from "../../../src/phi/index.js";

const only = { recognizers: ["id-pattern"] };
const cases: Array<[string, string | undefined, number]> = [
  // [text, flagged part or none, minimum score]
  ["MRN: 00123456", "00123456", 0.8],
  ["1234567", "1234567", 0.6],
  ["SSN 123-45-6789", "123-45-6789", 0.8],
  ["Acc# AB123456", "AB123456", 0.7],
  ["ZX99812", "ZX99812", 0.5],
  ["123456", undefined, 0],
  ["512x512", undefined, 0],
  ["120kV", undefined, 0],
  ["LightSpeed16", undefined, 0],
  ["3.14159265", undefined, 0],
  ["186B7928", "186B7928", 0.4],
  // Ultrasound readouts: short numbers around letters (power, gain, dynamic range), no run of 4 digits.
  ["630P630", undefined, 0],
  ["44CG43", undefined, 0],
  ["78DR78", undefined, 0],
];
for (const [text, part, min] of cases) {
  test(`when "${text}" is analysed then id-pattern ${part ? `flags "${part}"` : "flags nothing"}`, () => {
    const fs = analyzeText(text, undefined, only);
    if (!part) return assert.deepEqual(fs, []);
    assert.equal(fs.length, 1);
    assert.equal(text.slice(fs[0].start, fs[0].end), part);
    assert.ok(fs[0].score >= min, `score ${fs[0].score} < ${min}`);
  });
}
