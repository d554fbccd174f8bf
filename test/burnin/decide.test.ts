import { test } from "node:test";
import assert from "node:assert/strict";
import { decideRedactions } from "../../src/burnin/decide.js";
import type { FrameLine, FrameText, FrameWord } from "../../src/burnin/types.js";
import { contextFromValues, emptyContext } from "../../src/phi/index.js";
import type { Rect } from "../../src/redact/index.js";

const line = (x: number, y: number, w: number, readable = true): FrameLine => ({ box: { x, y, w, h: 10 }, charHeight: 8, readable, score: 0.9 });
const word = (text: string, x: number, y: number, w: number, l: number, confidence = 92): FrameWord => ({ text, confidence, box: { x, y, w, h: 10 }, line: l });
const covers = (rects: readonly Rect[], b: Rect): boolean => rects.some((r) => r.x <= b.x && r.y <= b.y && r.x + r.w >= b.x + b.w && r.y + r.h >= b.y + b.h);
const context = contextFromValues([{ keyword: "PatientName", vr: "PN", value: "SEXTON^CARMEN" }, { keyword: "PatientID", vr: "LO", value: "3209648408" }]);

test("when a PHI label's value was garbled by OCR and the block holds a finding then the label's row is redacted", () => {
  const text: FrameText = {
    frame: 0,
    lines: [line(10, 10, 140), line(10, 24, 60)],
    words: [word("Name:", 10, 10, 30, 0), word("SEXTON", 44, 10, 50, 0), word("CARMEN", 98, 10, 50, 0), word("Age:", 10, 24, 24, 1), word("ors", 38, 24, 20, 1, 70)],
  };
  const out = decideRedactions(text, { mode: "phi", context });
  const cue = out.filter((d) => d.reason === "label-cue");
  assert.equal(cue.length, 1);
  assert.equal(cue[0].entity, "AGE");
  assert.ok(covers(cue.map((d) => d.box), text.lines[1].box));
});

test("when a marked label is followed only by clinical words then its line stays", () => {
  const text: FrameText = { frame: 0, lines: [line(10, 10, 140)], words: [word("Study:", 10, 10, 36, 0), word("CHEST", 50, 10, 40, 0), word("PORTABLE", 94, 10, 50, 0)] };
  assert.deepEqual(decideRedactions(text, { mode: "phi", context: emptyContext() }), []);
});

test("when a lone marked label is followed by an unknown word then the row is redacted as a label cue", () => {
  const text: FrameText = { frame: 0, lines: [line(10, 10, 100)], words: [word("DOB:", 10, 10, 30, 0), word("qwzx", 44, 10, 40, 0, 80)] };
  const out = decideRedactions(text, { mode: "phi", context: emptyContext() });
  assert.equal(out.length, 1);
  assert.equal(out[0].reason, "label-cue");
});

test("when a finding sits in one piece of a split row then the other piece of that row is redacted too", () => {
  const text: FrameText = {
    frame: 0,
    lines: [line(10, 10, 40), line(70, 11, 60)],
    words: [word("Patient", 10, 10, 22, 0, 30), word("ID:", 34, 10, 14, 0, 30), word("3209648408", 70, 11, 60, 1)],
  };
  const out = decideRedactions(text, { mode: "phi", context, failSafe: false });
  assert.ok(covers(out.map((d) => d.box), text.lines[0].box));
  assert.ok(covers(out.map((d) => d.box), text.lines[1].box));
});

test("when a value found by its words lies inside detected lines then its box is not padded beyond the line", () => {
  const text: FrameText = { frame: 0, lines: [line(10, 10, 140)], words: [word("Name:", 10, 10, 30, 0), word("SEXTON", 44, 10, 50, 0), word("CARMEN", 98, 10, 50, 0)] };
  const out = decideRedactions(text, { mode: "phi", context, failSafe: false });
  for (const d of out) assert.ok(d.box.y >= 9 && d.box.y + d.box.h <= 21, `box ${JSON.stringify(d.box)} stays within the line grown by 1`);
});

test("when a value wraps over lines then its lower lines are redacted across the value's full width", () => {
  const ctx = contextFromValues([{ keyword: "InstitutionName", vr: "LO", value: "Nielsen, Jimenez and Aguilar Community Hospital" }]);
  const text: FrameText = {
    frame: 0,
    lines: [line(10, 10, 240), line(110, 24, 140), line(110, 38, 60)],
    words: [
      word("Institution", 10, 10, 60, 0), word("Name:", 72, 10, 30, 0), word("Nielsen,", 110, 10, 50, 0), word("Jimenez", 164, 10, 46, 0), word("and", 214, 10, 36, 0),
      word("Aguilar", 110, 24, 50, 1), word("Community", 164, 24, 86, 1), word("Hospital", 110, 38, 60, 2),
    ],
  };
  const out = decideRedactions(text, { mode: "phi", context: ctx, failSafe: false });
  // The last line's word ends at x=170; its row is redacted out to the paragraph's right edge (250).
  assert.ok(covers(out.map((d) => d.box), { x: 110, y: 38, w: 140, h: 10 }));
});

test("when an unreadable line in a PHI block reads only as a short allowed word with low confidence then it is still redacted", () => {
  const text: FrameText = {
    frame: 0,
    lines: [line(10, 10, 140), line(10, 24, 30, false)],
    words: [word("Name:", 10, 10, 30, 0), word("SEXTON", 44, 10, 50, 0), word("CARMEN", 98, 10, 50, 0), word("ww", 10, 24, 20, 1, 24)],
  };
  const out = decideRedactions(text, { mode: "phi", context });
  assert.ok(out.some((d) => d.reason === "unreadable-text" && covers([d.box], text.lines[1].box)));
  // Read confidently, the same word vouches for its line (a window-width label).
  text.words[3] = word("WW", 10, 24, 20, 1, 90);
  assert.ok(!decideRedactions(text, { mode: "phi", context }).some((d) => d.reason === "unreadable-text"));
});

test("when a value read in part goes on in a wrapped line below then it is not also extended sideways", () => {
  const ctx = contextFromValues([{ keyword: "InstitutionName", vr: "LO", value: "Scott Community Hospital" }]);
  const text: FrameText = {
    frame: 0,
    lines: [line(10, 10, 200), line(110, 24, 60)],
    words: [word("Institution", 10, 10, 60, 0), word("Name:", 72, 10, 30, 0), word("Scott", 110, 10, 30, 0), word("Community", 144, 10, 66, 0), word("Hospital", 110, 24, 60, 1)],
  };
  const out = decideRedactions(text, { mode: "phi", context: ctx, failSafe: false });
  for (const d of out) assert.ok(d.box.x + d.box.w <= 212, `box ${JSON.stringify(d.box)} stays within the paragraph`);
  // Read alone on its row, the same part is extended over the unread rest.
  const lone: FrameText = { frame: 0, lines: [text.lines[0]], words: text.words.slice(0, 4) };
  assert.ok(decideRedactions(lone, { mode: "phi", context: ctx, failSafe: false }).some((d) => d.box.x + d.box.w > 212));
});

test("when unreadable weak lines cover the frame (texture) then their stacks are kept, but a strongly text-like stack goes", () => {
  // 24 unreadable lines in stacked pairs, score 0.6: a textured frame.
  const lines: FrameLine[] = [];
  for (let k = 0; k < 12; k++) lines.push({ ...line(20 + 60 * (k % 6), 20 + 80 * Math.floor(k / 6), 30, false), score: 0.6 }, { ...line(20 + 60 * (k % 6), 32 + 80 * Math.floor(k / 6), 30, false), score: 0.6 });
  assert.deepEqual(decideRedactions({ frame: 0, lines, words: [] }, { mode: "phi", context: emptyContext() }), []);
  lines[0] = { ...lines[0], score: 0.9 };
  lines[1] = { ...lines[1], score: 0.9 };
  assert.equal(decideRedactions({ frame: 0, lines, words: [] }, { mode: "phi", context: emptyContext() }).length, 2);
  // A few such lines are not texture: a stack of two is redacted as before.
  assert.equal(decideRedactions({ frame: 0, lines: lines.slice(2, 4), words: [] }, { mode: "phi", context: emptyContext() }).length, 2);
});

test("when a textured frame also holds a column of unreadable lines then the column is still redacted", () => {
  const lines: FrameLine[] = [];
  for (let k = 0; k < 12; k++) lines.push({ ...line(20 + 60 * (k % 6), 20 + 80 * Math.floor(k / 6), 30, false), score: 0.6 }, { ...line(20 + 60 * (k % 6), 32 + 80 * Math.floor(k / 6), 30, false), score: 0.6 });
  // Three left-aligned rows, weak and unreadable, like a panel of small labels.
  const column = [300, 312, 324].map((y) => ({ ...line(400, y, 80, false), score: 0.6 }));
  const out = decideRedactions({ frame: 0, lines: [...lines, ...column], words: [] }, { mode: "phi", context: emptyContext() });
  assert.equal(out.length, 3);
});

test("when the lines of a textured frame's left-aligned group overlap each other in height then they are no column and are kept", () => {
  const lines: FrameLine[] = [];
  for (let k = 0; k < 12; k++) lines.push({ ...line(20 + 60 * (k % 6), 20 + 80 * Math.floor(k / 6), 30, false), score: 0.6 }, { ...line(20 + 60 * (k % 6), 32 + 80 * Math.floor(k / 6), 30, false), score: 0.6 });
  // Three weak blobs starting near x=400, two of them one over the other (y 312-322 and 316-326): speckle, not rows.
  const blobs = [300, 312, 316].map((y) => ({ ...line(400, y, 80, false), score: 0.6 }));
  assert.deepEqual(decideRedactions({ frame: 0, lines: [...lines, ...blobs], words: [] }, { mode: "phi", context: emptyContext() }), []);
});

test("when a row is missing between two unreadable lines of a stack then the fail-safe's lines bound a stack gap", () => {
  // Rows at a 12 px pitch; the one at y=34 was not detected. Both neighbours go to the fail-safe.
  const lines = [line(40, 10, 80, false), line(40, 22, 80, false), line(40, 46, 80, false)];
  const out = decideRedactions({ frame: 0, lines, words: [] }, { mode: "phi", context: emptyContext() });
  assert.ok(out.some((d) => d.reason === "stack-gap" && covers([d.box], { x: 40, y: 34, w: 80, h: 10 })));
  // Without the fail-safe, nothing is redacted, so no row is missing from a redacted stack.
  assert.deepEqual(decideRedactions({ frame: 0, lines, words: [] }, { mode: "phi", context: emptyContext(), failSafe: false }), []);
});

test("when a header value is read whole then the field on the line below is not taken as its wrapped continuation", () => {
  const ctx = contextFromValues([{ keyword: "InstitutionName", vr: "LO", value: "Nielsen, Jimenez and Aguilar Community Hospital" }]);
  const text: FrameText = {
    frame: 0,
    lines: [line(10, 10, 240), line(110, 24, 140), line(110, 38, 60), line(115, 52, 30)],
    words: [
      word("Institution", 10, 10, 60, 0), word("Name:", 72, 10, 30, 0), word("Nielsen,", 110, 10, 50, 0), word("Jimenez", 164, 10, 46, 0), word("and", 214, 10, 36, 0),
      word("Aguilar", 110, 24, 50, 1), word("Community", 164, 24, 86, 1), word("Hospital", 110, 38, 60, 2), word("23", 115, 52, 30, 3),
    ],
  };
  const out = decideRedactions(text, { mode: "phi", context: ctx, failSafe: false });
  assert.ok(covers(out.map((d) => d.box), { x: 110, y: 38, w: 140, h: 10 }), "the value's own last line goes, across the paragraph");
  assert.ok(!out.some((d) => d.box.y + d.box.h > 52), "the next field's line stays");
});

test("when the patient's age is read as a bare number in a block with a finding then it is redacted; alone it stays", () => {
  const ctx = contextFromValues([{ keyword: "PatientName", vr: "PN", value: "SEXTON^CARMEN" }, { keyword: "PatientAge", vr: "AS", value: "067Y" }]);
  const text: FrameText = {
    frame: 0,
    lines: [line(10, 10, 140), line(40, 24, 16)],
    words: [word("Name:", 10, 10, 30, 0), word("SEXTON", 44, 10, 50, 0), word("CARMEN", 98, 10, 50, 0), word("67", 40, 24, 16, 1)],
  };
  const out = decideRedactions(text, { mode: "phi", context: ctx, failSafe: false });
  assert.ok(out.some((d) => d.entity === "AGE" && covers([d.box], text.words[3].box)));
  const alone: FrameText = { frame: 0, lines: [text.lines[1]], words: [{ ...text.words[3], line: 0 }] };
  assert.deepEqual(decideRedactions(alone, { mode: "phi", context: ctx, failSafe: false }), []);
});

test("when a weak unreadable line lies right under a stack of three taken unreadable lines then it is taken as the stack's last row", () => {
  const stack = [line(10, 10, 120, false), line(10, 24, 100, false), line(10, 38, 110, false)];
  const weak: FrameLine = { ...line(10, 52, 90, false), score: 0.3 };
  const text: FrameText = { frame: 0, lines: [...stack, weak], words: [] };
  const out = decideRedactions(text, { mode: "phi", context: emptyContext() });
  assert.ok(covers(out.map((d) => d.box), weak.box), "the weak last row goes with its stack");
  // Under a stack of two, the weak line is left (it may be texture beside a short block).
  const short: FrameText = { frame: 0, lines: [stack[0], stack[1], { ...weak, box: { ...weak.box, y: 38 } }], words: [] };
  const kept = decideRedactions(short, { mode: "phi", context: emptyContext() });
  assert.ok(!covers(kept.map((d) => d.box), short.lines[2].box));
});

test("when a faint piece lies beside a lone unreadable line then neither makes a block of two; beside a stack it is redacted", () => {
  const lone = { ...line(40, 10, 80, false), score: 0.7 };
  const piece: FrameLine = { box: { x: 124, y: 10, w: 24, h: 10 }, charHeight: 8, readable: false, score: 0.5, faint: true };
  assert.deepEqual(decideRedactions({ frame: 0, lines: [lone, piece], words: [] }, { mode: "phi", context: emptyContext() }), []);
  // Two faint pieces do not vouch for each other either.
  assert.deepEqual(decideRedactions({ frame: 0, lines: [piece, { ...piece, box: { ...piece.box, y: 22 } }], words: [] }, { mode: "phi", context: emptyContext() }), []);
  // The same piece on the row above a stack of two unreadable lines is a row of that stack.
  const stacked = [line(40, 22, 80, false), line(40, 34, 80, false), { ...piece, box: { x: 40, y: 10, w: 80, h: 10 } }];
  const out = decideRedactions({ frame: 0, lines: stacked, words: [] }, { mode: "phi", context: emptyContext() });
  assert.ok(covers(out.filter((d) => d.reason === "faint-text").map((d) => d.box), { x: 40, y: 10, w: 80, h: 10 }), JSON.stringify(out));
});

test("when a faint piece lies beside a lone line that is surely text then the piece is redacted, the line is not", () => {
  const sure = { ...line(40, 10, 80, false), score: 0.95 };
  const piece: FrameLine = { box: { x: 124, y: 10, w: 24, h: 10 }, charHeight: 8, readable: false, score: 0.5, faint: true };
  const out = decideRedactions({ frame: 0, lines: [sure, piece], words: [] }, { mode: "phi", context: emptyContext() });
  assert.deepEqual(out.map((d) => d.reason), ["faint-text"]);
});

test("when a fail-safe piece above a stack is a weak line rather than text or a faint piece then its row is not widened to the stack's", () => {
  const row = (x: number, y: number, w: number): FrameLine => ({ box: { x, y, w, h: 7 }, charHeight: 6, readable: true, score: 0.9 });
  const rows = [row(144, 52, 140), row(144, 61, 120), row(144, 70, 130)];
  const words = [
    word("SEXTON", 144, 52, 68, 0), word("CARMEN", 216, 52, 68, 0),
    word("3209648408", 144, 61, 120, 1),
    word("CARMEN", 144, 70, 68, 2), word("SEXTON", 216, 70, 58, 2),
  ].map((w) => ({ ...w, box: { ...w.box, h: 7 } }));
  const piece = (extra: Partial<FrameLine>): FrameText => ({ frame: 0, lines: [...rows, { box: { x: 185, y: 43, w: 8, h: 6 }, charHeight: 6, readable: false, ...extra }], words });
  const widened = (text: FrameText): boolean => decideRedactions(text, { mode: "phi", context }).some((d) => d.box.y <= 43 && d.box.x + d.box.w >= 280);
  assert.equal(widened(piece({ score: 0.4 })), false);
  assert.equal(widened(piece({ score: 0.7 })), true);
  assert.equal(widened(piece({ score: 0.5, faint: true })), true);
  // Read fairly well, the piece is its whole row (a short last row such as "Age: 67").
  const read = piece({ score: 0.7 });
  assert.equal(widened({ ...read, words: [...words, { text: "Age:", confidence: 80, box: { x: 185, y: 43, w: 8, h: 6 }, line: 3 }] }), false);
  assert.equal(widened({ ...read, words: [...words, { text: "dg", confidence: 51, box: { x: 185, y: 43, w: 8, h: 6 }, line: 3 }] }), true);
});
