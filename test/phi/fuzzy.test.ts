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

test("when compared with the full edit-distance table on many short strings, then the banded distance agrees (or says max+1)", () => {
  const full = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length][b.length];
  };
  let seed = 7;
  const next = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const word = (): string => Array.from({ length: next(12) }, () => "AB01S"[next(5)]).join("");
  for (let k = 0; k < 5000; k++) {
    const a = word();
    const b = word();
    const max = next(4);
    const d = full(a, b);
    assert.equal(boundedEditDistance(a, b, max), d <= max ? d : max + 1, `${a} ${b} ${max}`);
  }
});
