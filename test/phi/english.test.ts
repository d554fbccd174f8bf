import assert from "node:assert/strict";
import { test } from "node:test";
import { isCommonEnglishWord, isKnownNameWord, personSpans } from "../../src/phi/english.js";

test("when a line of prose names a person then compromise's span covers the name", () => {
  const text = "Seen today by Mary Johnson for follow-up";
  const spans = personSpans(text);
  assert.ok(spans.some((s) => text.slice(s.start, s.end).includes("Mary Johnson")));
});

test("when the same line is asked twice then the cached spans are equal, and changing one answer does not change the next", () => {
  const text = "Report signed by Robert Smith";
  const first = personSpans(text);
  first.forEach((s) => (s.start = -1));
  const second = personSpans(text);
  assert.ok(second.length > 0);
  assert.ok(second.every((s) => s.start >= 0));
  assert.deepEqual(personSpans(text), second);
});

test("when words are looked up then vocabulary and names are told apart", () => {
  assert.equal(isCommonEnglishWord("house"), true);
  assert.equal(isKnownNameWord("Mary"), true);
  assert.equal(isCommonEnglishWord("Mary"), false);
});
