import { test } from "node:test";
import assert from "node:assert/strict";
import { bridgeFindings, mergeFindings } from "../../src/phi/merge.js";
import type { Finding } from "../../src/phi/index.js";

const f = (start: number, end: number, score: number, recognizer: string, entity: Finding["entity"] = "PERSON"): Finding =>
  ({ entity, start, end, score, recognizer, explanation: recognizer });

const cases: Array<[string, Finding[], Array<[number, number, number, string]>]> = [
  ["disjoint findings", [f(0, 3, 0.6, "a"), f(5, 8, 0.7, "b")], [[0, 3, 0.6, "a"], [5, 8, 0.7, "b"]]],
  ["overlapping findings from two recognizers", [f(0, 5, 0.6, "a"), f(3, 9, 0.8, "b")], [[0, 9, 0.85, "b"]]],
  ["touching findings", [f(0, 3, 0.6, "a"), f(3, 6, 0.6, "a")], [[0, 3, 0.6, "a"], [3, 6, 0.6, "a"]]],
  ["a chain of overlaps", [f(0, 4, 0.5, "a"), f(3, 7, 0.5, "a"), f(6, 9, 0.9, "c")], [[0, 9, 0.95, "c"]]],
  ["an empty span", [f(4, 4, 0.9, "a")], []],
];
for (const [what, input, expected] of cases) {
  test(`when merging ${what} then spans, scores and leaders are as expected`, () => {
    assert.deepEqual(mergeFindings(input).map((m) => [m.start, m.end, m.score, m.recognizer]), expected);
  });
}

const bridgeCases: Array<[string, string, Finding[], Array<[number, number]>]> = [
  ["a connector word between parts of one institution", "Xo and Yo", [f(0, 2, 0.6, "a", "INSTITUTION"), f(7, 9, 0.6, "a", "INSTITUTION")], [[0, 9]]],
  ["a comma between two parts of a name", "Xo, Yo", [f(0, 2, 0.6, "a"), f(4, 6, 0.6, "a")], [[0, 6]]],
  ["an ordinary word between two names", "Xo met Yo", [f(0, 2, 0.6, "a"), f(7, 9, 0.6, "a")], [[0, 2], [7, 9]]],
  ["different kinds side by side", "Xo 12", [f(0, 2, 0.6, "a"), f(3, 5, 0.6, "a", "AGE")], [[0, 2], [3, 5]]],
  ["a line break between findings", "Xo\nYo", [f(0, 2, 0.6, "a"), f(3, 5, 0.6, "a")], [[0, 2], [3, 5]]],
];
for (const [what, text, input, expected] of bridgeCases) {
  test(`when bridging ${what} then the spans are ${JSON.stringify(expected)}`, () => {
    assert.deepEqual(bridgeFindings(input, text).map((m) => [m.start, m.end]), expected);
  });
}
