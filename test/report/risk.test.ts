import assert from "node:assert/strict";
import { test } from "node:test";
import { assessRisk, REVIEW_FLAGS } from "../../src/report/risk.js";

const base = { width: 100, height: 100, textLines: 0, boxes: [] };

test("when text was found but nothing redacted then the image is flagged and risky", () => {
  const r = assessRisk({ ...base, textLines: 3, words: 5, meanConfidence: 90 });
  assert.deepEqual(r.flags, [REVIEW_FLAGS.textNotRedacted]);
  assert.ok(Math.abs(r.risk - 0.6) < 1e-9);
});

test("when OCR found no text then the image is flagged with a low risk", () => {
  const r = assessRisk(base);
  assert.deepEqual(r.flags, [REVIEW_FLAGS.noText]);
  assert.ok(r.risk > 0 && r.risk < 0.3);
});

test("when flags add up then the risk grows and stays below 1", () => {
  const r = assessRisk({ ...base, textLines: 2, words: 4, meanConfidence: 30, boxes: [{ x: 0, y: 0, w: 100, h: 40 }] });
  assert.deepEqual(r.flags, [REVIEW_FLAGS.lowConfidence, REVIEW_FLAGS.largeRedaction]);
  assert.ok(r.risk > 0.5 && r.risk < 1);
});

test("when text was redacted with confidence then there is no flag and no risk", () => {
  const r = assessRisk({ ...base, textLines: 1, words: 2, meanConfidence: 85, boxes: [{ x: 10, y: 10, w: 20, h: 5 }] });
  assert.deepEqual(r, { flags: [], risk: 0 });
});
