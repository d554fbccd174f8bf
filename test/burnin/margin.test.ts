import { test } from "node:test";
import assert from "node:assert/strict";
import { marginExtended, marginTrimmed } from "../../src/burnin/margin.js";
import type { FrameLine, FrameText, FrameWord } from "../../src/burnin/types.js";

const line = (x: number, y: number, w: number, readable = true): FrameLine => ({ box: { x, y, w, h: 10 }, charHeight: 8, readable });
const word = (text: string, line: number, x: number, y: number, w: number): FrameWord => ({ text, confidence: 90, line, box: { x, y: y + 1, w, h: 8 } });
const extend = (text: FrameText): ReturnType<typeof marginExtended> => marginExtended(text, text.lines.map((l) => l.box), text.lines.map(() => 0));
const trim = (text: FrameText): ReturnType<typeof marginTrimmed> => marginTrimmed(text, text.lines.map((l) => l.box), text.lines.map(() => 0));

test("when a row of a stack starts well right of the margin its readable neighbours share then it is extended left to it", () => {
  // "Study Date: 1999 Sep 23" detected only from "Sep": the rows above and below start at x=100.
  const lines = [line(100, 50, 150), line(180, 62, 50), line(100, 74, 120), line(100, 86, 140)];
  const boxes = extend({ frame: 0, lines, words: [word("Patient", 0, 100, 50, 50), word("ID:", 0, 155, 50, 20)] });
  assert.deepEqual(boxes[1], { x: 100, y: 62, w: 130, h: 10 });
  assert.deepEqual(boxes[0], lines[0].box);
  assert.deepEqual(boxes[2], lines[2].box);
});

test("when the neighbours are unreadable or no second line starts at their edge then the row is kept", () => {
  const unread = [line(100, 50, 150, false), line(180, 62, 50), line(100, 74, 120, false), line(100, 86, 140, false)];
  assert.deepEqual(extend({ frame: 0, lines: unread, words: [] })[1], unread[1].box);
  const lone = [line(100, 50, 150), line(180, 62, 50)];
  assert.deepEqual(extend({ frame: 0, lines: lone, words: [] })[1], lone[1].box);
});

test("when a row starts under a value word of the line above then it is a wrapped value and is kept", () => {
  // "Institution Name: Scott Community" / "Hospital" under "Community" / "Study Date: ..." at the margin.
  const lines = [line(100, 50, 250), line(262, 62, 60), line(100, 74, 120), line(100, 86, 140)];
  const words = [word("Institution", 0, 100, 50, 70), word("Name:", 0, 175, 50, 40), word("Scott", 0, 220, 50, 35), word("Community", 0, 260, 50, 90)];
  assert.deepEqual(extend({ frame: 0, lines, words })[1], lines[1].box);
});

test("when the line beside a row overlaps it in height or has other glyphs then it sets no margin", () => {
  const overlapping = [line(180, 62, 50), line(100, 66, 150), line(100, 100, 120)];
  assert.deepEqual(extend({ frame: 0, lines: overlapping, words: [] })[0], overlapping[0].box);
  const small = [{ ...line(100, 50, 150), charHeight: 4 }, line(180, 62, 50), { ...line(100, 74, 120), charHeight: 4 }];
  assert.deepEqual(extend({ frame: 0, lines: small, words: [] })[1], small[1].box);
});

test("when a line inside a column reaches far left of the margin the lines above and below share then it is cut to a glyph height before it", () => {
  // A bone edge at x=20-100 merged into "Patient ID: 3209648408"; the rows above and below start at x=100.
  const lines = [line(100, 50, 150, false), line(20, 62, 230, false), line(100, 74, 120, false), line(100, 86, 140, false)];
  const boxes = trim({ frame: 0, lines, words: [{ ...word("Cr", 1, 30, 62, 15), confidence: 21 }] });
  assert.deepEqual(boxes[1], { x: 92, y: 62, w: 158, h: 10 });
  assert.deepEqual(boxes[0], lines[0].box);
  assert.deepEqual(boxes[2], lines[2].box);
});

test("when a word before the margin was read confidently then the line keeps its start there", () => {
  const lines = [line(100, 50, 150, false), line(20, 62, 230, false), line(100, 74, 120, false), line(100, 86, 140, false)];
  assert.deepEqual(trim({ frame: 0, lines, words: [word("Name:", 1, 40, 62, 40)] })[1], { x: 40, y: 62, w: 210, h: 10 });
});

test("when the column is only above the line (its last row) then texture before it is cut too", () => {
  const bottom = [line(100, 50, 150, false), line(100, 62, 120, false), line(20, 74, 200, false)];
  assert.deepEqual(trim({ frame: 0, lines: bottom, words: [] })[2], { x: 92, y: 74, w: 128, h: 10 });
});

test("when a column of the block starts where the line starts then the column right of it is a wrapped value's and nothing is cut", () => {
  // "Institution Name: Nielsen," / "Aguilar Community" / "Hospital" at x=180; "Study Date:" extended to the margin x=20.
  const lines = [line(20, 50, 230), line(180, 62, 100), line(180, 74, 60), line(20, 86, 200, false), line(20, 98, 140), line(20, 110, 140)];
  assert.deepEqual(trim({ frame: 0, lines, words: [] })[3], lines[3].box);
});

test("when the column is of value pieces right of their labels or the line does not reach into it then nothing is cut", () => {
  // Labels at x=20, values at x=100 as separate pieces of the rows above and below, the middle row read whole.
  const pieces = [line(20, 50, 60, false), line(100, 50, 80, false), line(20, 62, 160, false), line(20, 74, 60, false), line(100, 74, 80, false)];
  assert.deepEqual(trim({ frame: 0, lines: pieces, words: [] })[2], pieces[2].box);
  const before = [line(100, 50, 150, false), line(20, 62, 85, false), line(100, 74, 120, false)];
  assert.deepEqual(trim({ frame: 0, lines: before, words: [] })[1], before[1].box);
});

test("when the column right of a line is a value wrapped under a word of the line above then it is no margin", () => {
  // "Institution Name: Nielsen," / "Aguilar Community" / "Hospital" under "Nielsen,"; "Study Date: 1999 Sep 23" below from x=20.
  const lines = [line(20, 50, 230), line(180, 62, 100), line(180, 74, 60), line(20, 86, 220, false)];
  const words = [word("Institution", 0, 20, 50, 90), word("Name:", 0, 115, 50, 50), word("Nielsen,", 0, 180, 50, 60)];
  assert.deepEqual(trim({ frame: 0, lines, words })[3], lines[3].box);
});
