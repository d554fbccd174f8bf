import { test } from "node:test";
import assert from "node:assert/strict";
import { continuations, partialEdgeRows, redactionBoxes, rowGaps, rowMates, stackGaps, textBlocks } from "../../src/burnin/layout.js";
import type { FrameLine, FrameText } from "../../src/burnin/types.js";

const line = (x: number, y: number, w: number, h = 10, charHeight = 8): FrameLine => ({ box: { x, y, w, h }, charHeight });

test("when lines are stacked with similar glyphs then they form one block, and a distant line its own", () => {
  const boxes = [{ x: 300, y: 440, w: 200, h: 10 }, { x: 300, y: 452, w: 150, h: 10 }, { x: 302, y: 464, w: 180, h: 10 }, { x: 40, y: 100, w: 30, h: 10 }];
  const ids = textBlocks(boxes, [8, 8, 8, 8]);
  assert.equal(ids[0], ids[1]);
  assert.equal(ids[1], ids[2]);
  assert.notEqual(ids[3], ids[0]);
});

test("when a row came out of detection in pieces then rowMates chains the pieces, not the lines above or far away", () => {
  // "Study Date:" | "1999 Sep 23" split by a wide gap; a line below; a piece far to the right on the same row.
  const lines = [line(100, 50, 60), line(180, 51, 50), line(100, 64, 90), line(400, 50, 40)];
  assert.deepEqual(rowMates(lines, 0).sort(), [0, 1]);
  assert.deepEqual(rowMates(lines, 1).sort(), [0, 1]);
  assert.deepEqual(rowMates(lines, 2), [2]);
});

test("when glyph heights differ a lot then pieces of one row are not mates", () => {
  const lines = [line(100, 50, 60, 10, 8), line(170, 48, 60, 14, 3)];
  assert.deepEqual(rowMates(lines, 0), [0]);
});

test("when a value wraps onto the next lines then they continue it, until a labelled line or another line in between", () => {
  const text: FrameText = {
    frame: 0,
    lines: [line(100, 10, 200), line(180, 24, 100), line(180, 38, 60), line(100, 52, 120)],
    words: [
      { text: "Institution", confidence: 90, box: { x: 100, y: 10, w: 60, h: 10 }, line: 0 },
      { text: "Name:", confidence: 90, box: { x: 162, y: 10, w: 16, h: 10 }, line: 0 },
      { text: "Patient", confidence: 90, box: { x: 100, y: 52, w: 40, h: 10 }, line: 3 },
      { text: "ID:", confidence: 90, box: { x: 142, y: 52, w: 14, h: 10 }, line: 3 },
    ],
  };
  assert.deepEqual(continuations(text, new Set([0]), { x: 180, y: 10, w: 120, h: 10 }), [1, 2]);
  // A line of another field sitting between the value and a candidate ends the value.
  const between: FrameText = { frame: 0, lines: [line(180, 10, 120, 19), line(100, 27, 200, 19), line(190, 46, 90, 19)], words: [] };
  assert.deepEqual(continuations(between, new Set([0]), { x: 180, y: 10, w: 120, h: 19 }), []);
});

test("when a texture-like piece under a value lies on the row of another field then it does not continue the value", () => {
  // "Institution Name: Nielsen ... Hospital" on y=10; "Study Date: 1999 Sep 23" at x=100 on y=24; a streak at x=180 on that row.
  const lines = [line(100, 10, 300), line(100, 24, 140), { ...line(180, 22, 100, 12), score: 0.4 }];
  const text: FrameText = { frame: 0, lines, words: [] };
  assert.deepEqual(continuations(text, new Set([0]), { x: 180, y: 10, w: 220, h: 10 }), []);
  // Looking like text, the same piece is a wrapped part of the value (a merged blob of its next row and the value's).
  const texty: FrameText = { frame: 0, lines: [lines[0], lines[1], { ...lines[2], score: 0.7 }], words: [] };
  assert.deepEqual(continuations(texty, new Set([0]), { x: 180, y: 10, w: 220, h: 10 }), [2]);
});

test("when two flagged lines of a stack are two pitches apart with nothing between then the row between is a gap", () => {
  const lines = [line(50, 100, 120), line(50, 114, 110), line(50, 142, 100), line(50, 156, 90)];
  const gaps = stackGaps(lines, [0, 0, 0, 0], new Set([0, 1, 2, 3]));
  assert.equal(gaps.length, 1);
  assert.equal(gaps[0].y, 128);
  assert.equal(gaps[0].x, 50);
  // No flagged line below the gap: no gap.
  assert.deepEqual(stackGaps(lines, [0, 0, 0, 0], new Set([0, 1])), []);
  // A detected line already there: no gap.
  assert.deepEqual(stackGaps([...lines, line(50, 128, 60)], [0, 0, 0, 0, 0], new Set([0, 1, 2, 3])), []);
});

test("when a block is just two flagged lines about two line heights apart then the row between them is a gap", () => {
  // Name and DOB found, the Age row between them lost on a bright band: tops 100 and 129, lines 14 high.
  const lines = [line(70, 100, 136, 14), line(70, 129, 94, 15)];
  const gaps = stackGaps(lines, [0, 0], new Set([0, 1]));
  assert.equal(gaps.length, 1);
  assert.ok(gaps[0].y > 105 && gaps[0].y < 120);
  // Adjacent lines (one pitch apart) leave nothing between them.
  assert.deepEqual(stackGaps([line(70, 100, 136, 14), line(70, 115, 94, 14)], [0, 0], new Set([0, 1])), []);
});

test("when the lines around a gap are redacted over narrower spans then the gap covers only the columns both spans cover", () => {
  // Both lines merged texture at their left (detected from x=0 and 10); their redaction boxes start at 9 and 70.
  const lines = [line(10, 100, 284, 14), line(0, 129, 232, 15)];
  const spans = [{ x: 9, y: 100, w: 285, h: 14 }, { x: 70, y: 129, w: 162, h: 15 }];
  const [gap] = stackGaps(lines, [0, 0], new Set([0, 1]), spans);
  assert.equal(gap.x, 70);
  assert.equal(gap.x + gap.w, 232);
});

test("when a tall line merges two rows with texture beside them then it is redacted only over the rows' columns", () => {
  // Two rows at x 275-416, and a merged line from x 202 (texture) spanning both.
  const lines = [line(275, 94, 139, 12, 7), line(202, 96, 214, 25, 7), line(275, 107, 141, 15, 7)];
  const boxes = redactionBoxes({ frame: 0, lines, words: [] });
  assert.deepEqual(boxes[0], lines[0].box);
  assert.equal(boxes[1].x, 275 - 15);
  assert.equal(boxes[1].x + boxes[1].w, 416);
  // A line that merely holds a narrow fragment keeps its full width (tiny glyphs: plus 6 px each side).
  const frag = [line(64, 196, 96, 11, 4), line(124, 197, 19, 6, 4)];
  assert.deepEqual(redactionBoxes({ frame: 0, lines: frag, words: [] })[0], { ...frag[0].box, x: 58, w: 108 });
  // One well-read row at the left end of a wider line: the texture to its right is cut.
  const row = [line(68, 104, 281, 21, 7), line(68, 111, 95, 10, 7)];
  const words = [{ text: "DOB:", confidence: 80, box: { x: 68, y: 111, w: 30, h: 10 }, line: 1 }, { text: "08/04/1932", confidence: 90, box: { x: 100, y: 111, w: 63, h: 10 }, line: 1 }];
  assert.equal(redactionBoxes({ frame: 0, lines: row, words })[0].w, 95 + 10);
  // The same row read poorly (a fragment) leaves the line whole.
  assert.deepEqual(redactionBoxes({ frame: 0, lines: row, words: words.map((w) => ({ ...w, confidence: 30 })) })[0], row[0].box);
});

test("when a line box is much taller than its glyphs and its words were read confidently then it is cut to the words' height", () => {
  const tall = [line(10, 700, 284, 26, 12)];
  const words = [{ text: "SANCHEZ", confidence: 96, box: { x: 140, y: 706, w: 80, h: 13 }, line: 0 }];
  const b = redactionBoxes({ frame: 0, lines: tall, words })[0];
  assert.equal(b.y, 706 - 4);
  assert.equal(b.y + b.h, 719 + 4);
  // Its right end stays (its left is cut before the first word, see leftTrimmed).
  assert.equal(b.x + b.w, 10 + 284);
  // Without a confident word the box stays whole.
  assert.deepEqual(redactionBoxes({ frame: 0, lines: tall, words: [{ ...words[0], confidence: 30 }] })[0], tall[0].box);
});

test("when a line is cut to its rows or its confident words then no word OCR read in it is left outside", () => {
  // Tall and unreadable: a confident word at the top, a garbled one lower down.
  const tall = [{ ...line(0, 0, 200, 40, 12), readable: false }];
  const words = [
    { text: "Axial", confidence: 90, box: { x: 10, y: 2, w: 40, h: 12 }, line: 0 },
    { text: "q9", confidence: 10, box: { x: 60, y: 24, w: 20, h: 14 }, line: 0 },
  ];
  const b = redactionBoxes({ frame: 0, lines: tall, words })[0];
  assert.ok(b.y <= 24 && b.y + b.h >= 38);
  // A line holding two rows at its left, with a garbled word of its own far right.
  const merged = [line(0, 0, 400, 40, 12), line(0, 2, 60, 14, 12), line(0, 22, 60, 14, 12)];
  const far = [{ text: "Qx7", confidence: 10, box: { x: 300, y: 10, w: 30, h: 12 }, line: 0 }];
  const m = redactionBoxes({ frame: 0, lines: merged, words: far })[0];
  assert.ok(m.x + m.w >= 330);
});

test("when a line's glyphs are tiny then its box is widened by one and a half glyph heights each side; larger glyphs are not", () => {
  assert.deepEqual(redactionBoxes({ frame: 0, lines: [line(50, 10, 40, 6, 4)], words: [] })[0], { x: 44, y: 10, w: 52, h: 6 });
  assert.deepEqual(redactionBoxes({ frame: 0, lines: [line(50, 10, 40, 8, 6)], words: [] })[0], { x: 50, y: 10, w: 40, h: 8 });
});

test("when three rows of tiny glyphs start at the same column then their left edges are not widened; a row a pixel off is", () => {
  // Keys of a stack at x 130 (rows 9 px apart), and a fourth row starting at 131.
  const lines = [line(130, 10, 60, 6, 4), line(130, 19, 70, 6, 4), line(130, 28, 50, 6, 4), line(131, 37, 60, 6, 4)];
  const boxes = redactionBoxes({ frame: 0, lines, words: [] });
  assert.deepEqual(boxes.slice(0, 3).map((b) => [b.x, b.x + b.w]), [[130, 196], [130, 206], [130, 186]]);
  assert.deepEqual([boxes[3].x, boxes[3].x + boxes[3].w], [125, 197]);
  // Two rows only, or rows far apart (more than six glyph heights), are no shared edge.
  assert.equal(redactionBoxes({ frame: 0, lines: lines.slice(0, 2), words: [] })[0].x, 124);
  const apart = [line(130, 10, 60, 6, 4), line(130, 40, 60, 6, 4), line(130, 70, 60, 6, 4)];
  assert.equal(redactionBoxes({ frame: 0, lines: apart, words: [] })[0].x, 124);
});

test("when a tiny-glyph line is a faint piece then its box is not widened (its windows reach past its glyphs already)", () => {
  assert.deepEqual(redactionBoxes({ frame: 0, lines: [{ ...line(50, 10, 40, 6, 4), faint: true }], words: [] })[0], { x: 50, y: 10, w: 40, h: 6 });
});

test("when the next line under a value is a faint piece then the value does not continue into it", () => {
  const text: FrameText = { frame: 0, lines: [line(100, 10, 200), { ...line(180, 24, 100), faint: true }], words: [] };
  assert.deepEqual(continuations(text, new Set([0]), { x: 180, y: 10, w: 120, h: 10 }), []);
  assert.deepEqual(continuations({ ...text, lines: [text.lines[0], line(180, 24, 100)] }, new Set([0]), { x: 180, y: 10, w: 120, h: 10 }), [1]);
});

test("when a line's first word was read confidently well right of its left edge then the texture before it is cut off", () => {
  // "DOB: 05/23/1957" read from x=80 in a line detected from x=0 (texture merged at its left).
  const row = [line(0, 10, 230, 20, 12)];
  const dob = { text: "DOB:05/23/1957", confidence: 63, box: { x: 80, y: 12, w: 150, h: 14 }, line: 0 };
  assert.deepEqual(redactionBoxes({ frame: 0, lines: row, words: [dob] })[0], { x: 68, y: 10, w: 162, h: 20 });
  // Read poorly, or starting within two glyph heights of the edge, the word leaves the box as it is.
  assert.deepEqual(redactionBoxes({ frame: 0, lines: row, words: [{ ...dob, confidence: 40 }] })[0], row[0].box);
  assert.deepEqual(redactionBoxes({ frame: 0, lines: row, words: [{ ...dob, box: { ...dob.box, x: 20 } }] })[0], row[0].box);
});

// A stack of rows 9 px apart (tops 52, 61, 70) of boxes 60-70 px wide, and a piece of the row above or below.
const stackRows = [{ x: 144, y: 52, w: 70, h: 7 }, { x: 144, y: 61, w: 60, h: 7 }, { x: 144, y: 70, w: 65, h: 7 }];
// [when, piece, expected row]
const edgeCases: [string, { x: number; y: number; w: number; h: number }, { x: number; y: number; w: number; h: number } | undefined][] = [
  ["a short piece sits one pitch above the stack", { x: 185, y: 43, w: 8, h: 6 }, { x: 144, y: 43, w: 70, h: 6 }],
  ["a short piece sits one pitch below the stack", { x: 150, y: 79, w: 10, h: 7 }, { x: 144, y: 79, w: 65, h: 7 }],
  ["a short piece sits two pitches above the stack", { x: 185, y: 34, w: 8, h: 6 }, undefined],
  ["a piece is over half as wide as its neighbour row", { x: 144, y: 43, w: 40, h: 6 }, undefined],
  ["a short piece lies inside the stack, not at its top or bottom", { x: 220, y: 61, w: 8, h: 7 }, undefined],
];
for (const [when, piece, expected] of edgeCases) {
  test(`when ${when} then ${expected ? "the row is redacted over its neighbour row's columns" : "no row is added"}`, () => {
    const boxes = [...stackRows, piece];
    const rows = partialEdgeRows(boxes, [0, 0, 0, 0], new Set([3]), new Set([0, 1, 2]));
    assert.deepEqual(rows, expected ? [expected] : []);
  });
}

test("when the caller says a piece is no evidence of a row then its row is not added", () => {
  const boxes = [...stackRows, { x: 185, y: 43, w: 8, h: 6 }];
  assert.deepEqual(partialEdgeRows(boxes, [0, 0, 0, 0], new Set([3]), new Set([0, 1, 2]), { widenable: (i) => i !== 3 }), []);
});

test("when the stack has fewer than two other rows then no row is added", () => {
  assert.deepEqual(partialEdgeRows([stackRows[0], { x: 185, y: 43, w: 8, h: 6 }], [0, 0], new Set([1]), new Set([0])), []);
});

test("when two redacted pieces of one row lie less than two glyph heights apart then the gap between them is covered, to the nearest piece only", () => {
  // Glyphs 8 px: pieces at 10-60 and 70-120 (gap 10), a third at 125-160 (gap 5), one far off at 200.
  const lines = [line(10, 20, 50), line(70, 21, 50), line(125, 20, 35), line(200, 20, 40)];
  const spans = lines.map((l) => l.box);
  assert.deepEqual(rowGaps(lines, new Set([0, 1, 2, 3]), spans), [{ x: 60, y: 21, w: 10, h: 9 }, { x: 120, y: 21, w: 5, h: 9 }]);
  // Not redacted, another row, or glyphs of another size: no gap.
  assert.deepEqual(rowGaps(lines, new Set([0, 2]), spans), []);
  assert.deepEqual(rowGaps([lines[0], line(70, 40, 50)], new Set([0, 1]), [spans[0], { x: 70, y: 40, w: 50, h: 10 }]), []);
  assert.deepEqual(rowGaps([lines[0], line(70, 21, 50, 10, 20)], new Set([0, 1]), spans.slice(0, 2)), []);
});
