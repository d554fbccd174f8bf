import { test } from "node:test";
import assert from "node:assert/strict";
import { matchesTagPattern, parseTagPattern } from "../../src/dictionary/pattern.js";

test("when a pattern is parsed then digits, wildcards and specificity are recorded", () => {
  assert.deepEqual(parseTagPattern("(60XX,3000)"), { text: "(60xx,3000)", value: 0x60003000, wildcards: 0x00ff0000, wildcardDigits: 2 });
  assert.deepEqual(parseTagPattern("(0008,0050)"), { text: "(0008,0050)", value: 0x00080050, wildcards: 0, wildcardDigits: 0 });
  assert.deepEqual(parseTagPattern("(50xx,xxxx)"), { text: "(50xx,xxxx)", value: 0x50000000, wildcards: 0x00ffffff, wildcardDigits: 6 });
  assert.equal(parseTagPattern("(0028,04x0)")?.wildcards, 0x000000f0);
});

test("when the text is not a tag pattern then parsing gives undefined", () => {
  for (const bad of ["(GGGG,EEEE) WHERE GGGG IS ODD", "(0008,005)", "0008,0050", "(0008;0050)", ""]) {
    assert.equal(parseTagPattern(bad), undefined, bad);
  }
});

test("when a repeating-group pattern is matched then only even groups 00-1E match (PS3.5 7.6)", () => {
  const p = parseTagPattern("(60xx,3000)")!;
  const cases: [number, boolean][] = [
    [0x60003000, true], [0x60023000, true], [0x601e3000, true],
    [0x60013000, false], [0x60203000, false], [0x60ff3000, false], [0x60003001, false], [0x61003000, false],
  ];
  for (const [t, ok] of cases) assert.equal(matchesTagPattern(p, t), ok, t.toString(16));
});

test("when an element wildcard is matched then any hex digit matches", () => {
  const p = parseTagPattern("(0028,04x0)")!;
  assert.ok(matchesTagPattern(p, 0x00280400));
  assert.ok(matchesTagPattern(p, 0x002804f0));
  assert.ok(!matchesTagPattern(p, 0x00280401));
  const q = parseTagPattern("(1010,xxxx)")!;
  assert.ok(matchesTagPattern(q, 0x1010ffff));
  assert.ok(!matchesTagPattern(q, 0x1011ffff));
});
