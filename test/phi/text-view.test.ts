import { test } from "node:test";
import assert from "node:assert/strict";
import { lineMatches, makeTextView } from "../../src/phi/text-view.js";

test("when a pattern could span a line break, then lineMatches finds it only within lines, with whole-text offsets", () => {
  const text = "ID 1234\n5678 ok\nID 99999";
  const hits = lineMatches(text, /\d+(?: \d+)?/g).map((m) => [m.index, m[0]]);
  assert.deepEqual(hits, [[3, "1234"], [8, "5678"], [19, "99999"]]);
});

test("when the same regex is run twice, then both runs give the same matches and leave lastIndex at 0", () => {
  const re = /[A-Z]\d/g;
  const a = lineMatches("A1 B2\nC3", re).map((m) => m.index);
  assert.equal(re.lastIndex, 0);
  const b = lineMatches("A1 B2\nC3", re).map((m) => m.index);
  assert.deepEqual(a, [0, 3, 6]);
  assert.deepEqual(b, a);
});

test("when a pattern can match the empty string, then lineMatches still ends", () => {
  assert.equal(lineMatches("ab\ncd", /x*/g).length, 6);
});

test("when the regex is not global, then lineMatches refuses it", () => {
  assert.throws(() => lineMatches("a", /a/), TypeError);
});

test("when the text holds several lines, then tokens carry their line numbers and resolved forms", () => {
  const v = makeTextView("J0HN Smith\nID 12345");
  assert.deepEqual(v.tokens.map((t) => [t.text, t.line]), [["J0HN", 0], ["Smith", 0], ["ID", 1], ["12345", 1]]);
  assert.equal(v.tokens[0].resolved.length, 4);
});
