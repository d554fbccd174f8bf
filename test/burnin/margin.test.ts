import { test } from "node:test";
import assert from "node:assert/strict";
import { marginExtended } from "../../src/burnin/margin.js";
import type { FrameLine, FrameText, FrameWord } from "../../src/burnin/types.js";

const line = (x: number, y: number, w: number, readable = true): FrameLine => ({ box: { x, y, w, h: 10 }, charHeight: 8, readable });
const word = (text: string, line: number, x: number, y: number, w: number): FrameWord => ({ text, confidence: 90, line, box: { x, y: y + 1, w, h: 8 } });
const extend = (text: FrameText): ReturnType<typeof marginExtended> => marginExtended(text, text.lines.map((l) => l.box), text.lines.map(() => 0));

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
