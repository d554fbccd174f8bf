import { test } from "node:test";
import assert from "node:assert/strict";
import { boundedEditDistance, toleratedEdits } from "../../src/phi/fuzzy.js";

const cases: Array<[string, string, number, number]> = [
  ["kitten", "sitting", 5, 3],
  ["same", "same", 0, 0],
  ["abc", "abd", 0, 1],
  ["short", "muchlongerword", 2, 3],
  ["", "abc", 3, 3],
];
for (const [a, b, max, expected] of cases) {
  test(`when measuring "${a}" vs "${b}" with max ${max} then the result is ${expected}`, () => {
    assert.equal(boundedEditDistance(a, b, max), expected);
  });
}

test("when a skeleton is short then no edit is tolerated, longer ones tolerate more", () => {
  assert.deepEqual([3, 4, 5, 9, 10, 18, 40].map(toleratedEdits), [0, 0, 1, 1, 2, 3, 3]);
});
