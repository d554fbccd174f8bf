import { test } from "node:test";
import assert from "node:assert/strict";
import { hiddenRowDecisions } from "../../src/burnin/hidden-rows.js";
import type { FrameLine, FrameText, RedactionDecision } from "../../src/burnin/types.js";
import { rendered, type Rendered } from "../../src/pixels/render/rendered.js";

// A 240 x 160 grey rendering: dark ground (20), light text rows at 255 drawn as 1-px strokes
// every 3 columns on their glyph rows, and optionally a region at 255 (bone clipped to white).
const W = 240;
const H = 160;
function image(white?: { x0: number; y0: number; x1: number; y1: number }): Rendered {
  const data = new Uint8Array(W * H).fill(20);
  if (white) for (let y = white.y0; y < white.y1; y++) for (let x = white.x0; x < white.x1; x++) data[y * W + x] = 255;
  return rendered(W, H, 1, data);
}
function drawRow(r: Rendered, x: number, y: number, w: number): void {
  for (let yy = y + 3; yy < y + 10; yy++) for (let xx = x; xx < x + w; xx += 3) r.data[yy * W + xx] = 255;
}
// Three redacted rows at a pitch of 14 px (boxes 14 px tall, from x = 20), their lines light at 255.
const rows = [10, 24, 38];
const line = (y: number, w: number): FrameLine => ({ box: { x: 21, y: y + 1, w, h: 12 }, charHeight: 7, level: 255, polarity: "bright", score: 0.9 });
const text = (ws = [120, 100, 110]): FrameText => ({ frame: 0, words: [], lines: rows.map((y, i) => line(y, ws[i])) });
const decisions = (ws = [120, 100, 110]): RedactionDecision[] => rows.map((y, i) => ({ frame: 0, box: { x: 20, y, w: ws[i] + 2, h: 14 }, reason: "header-values", entity: "PERSON", score: 0.9 }));
function withRows(white?: { x0: number; y0: number; x1: number; y1: number }): Rendered {
  const r = image(white);
  rows.forEach((y, i) => drawRow(r, 21, y + 1, [120, 100, 110][i]));
  return r;
}

test("when a redacted stack runs on over ground at its ink level then the next two rows' places are covered", () => {
  const out = hiddenRowDecisions(decisions(), text(), withRows({ x0: 0, y0: 52, x1: W, y1: H }));
  assert.deepEqual(out.map((d) => [d.reason, d.box.y, d.box.x, d.box.h]), [["hidden-row", 52, 20, 14], ["hidden-row", 66, 20, 14]]);
  // As wide as the stack's narrower rows (the lower quartile of 102, 112 and 122 px), no wider.
  for (const d of out) assert.equal(d.box.w, 102);
});

test("when the ground below a stack is not at the ink level then nothing is added", () => {
  assert.deepEqual(hiddenRowDecisions(decisions(), text(), withRows()), []);
});

test("when fewer than three rows are redacted then there is no stack to go on from", () => {
  const r = withRows({ x0: 0, y0: 52, x1: W, y1: H });
  assert.deepEqual(hiddenRowDecisions(decisions().slice(1), { ...text(), lines: text().lines.slice(1) }, r), []);
});

test("when a stack's third row is a weak line the fail-safe took then it is no row of the stack, and a faint piece or a sure line is", () => {
  const r = withRows({ x0: 0, y0: 52, x1: W, y1: H });
  const failSafe = (l: Partial<FrameLine>): [RedactionDecision[], FrameText] => {
    const t = text();
    t.lines[2] = { ...t.lines[2], ...l };
    const d = decisions();
    d[2] = { frame: 0, box: d[2].box, reason: "unreadable-text", score: 0.6, line: 2 };
    return [d, t];
  };
  assert.deepEqual(hiddenRowDecisions(...failSafe({ score: 0.4 }), r), []);
  assert.equal(hiddenRowDecisions(...failSafe({ score: 0.7 }), r).length, 2);
  assert.equal(hiddenRowDecisions(...failSafe({ score: 0.5, faint: true }), r).length, 2);
});

test("when the rows above a stack are flat at the ink level then they are left unless asked for", () => {
  // The same stack 28 px lower, under a white band (rows 0-38).
  const down = (y: number) => y + 28;
  const r = image({ x0: 0, y0: 0, x1: W, y1: 38 });
  rows.forEach((y, i) => drawRow(r, 21, down(y) + 1, [120, 100, 110][i]));
  const dec = decisions().map((d) => ({ ...d, box: { ...d.box, y: down(d.box.y) } }));
  const lines = text().lines.map((l) => ({ ...l, box: { ...l.box, y: down(l.box.y) } }));
  assert.deepEqual(hiddenRowDecisions(dec, { frame: 0, words: [], lines }, r), []);
  assert.deepEqual(hiddenRowDecisions(dec, { frame: 0, words: [], lines }, r, { above: true }).map((d) => d.box.y), [24, 10]);
});

test("when the flat ground ends part way along the row then the place ends with it, or with glyphs that show past its edge", () => {
  // White ends at x = 80; a glyph stroke stands over the dark ground just past it (x = 84).
  const r = withRows({ x0: 0, y0: 52, x1: 80, y1: H });
  for (let y = 56; y < 62; y++) r.data[y * W + 84] = 255;
  const out = hiddenRowDecisions(decisions(), text(), r);
  assert.equal(out[0].box.y, 52);
  assert.equal(out[0].box.x + out[0].box.w, 85);
  assert.equal(out[1].box.x + out[1].box.w, 80);
});

test("when a stack row's value runs on from visible ground onto ground at the ink level then the rest of the row is covered", () => {
  // The last row's boxes end at x = 62; its place (the stack's median width, 102 px) runs to x = 122, over white from x = 62.
  const ws = [120, 100, 40];
  const r = image({ x0: 62, y0: 38, x1: W, y1: 52 });
  rows.forEach((y, i) => drawRow(r, 21, y + 1, ws[i]));
  const out = hiddenRowDecisions(decisions(ws), text(ws), r);
  assert.deepEqual(out.map((d) => [d.box.x, d.box.y, d.box.w]), [[62, 38, 60]]);
});

test("when the lines' level is not drawn in the rendering (found in an inverted one) then the ink level is unknown and nothing is added", () => {
  const lines = text().lines.map((l) => ({ ...l, level: 0 }));
  assert.deepEqual(hiddenRowDecisions(decisions(), { frame: 0, words: [], lines }, withRows({ x0: 0, y0: 52, x1: W, y1: H })), []);
});

test("when the rendering is in colour then nothing is added", () => {
  const colour = rendered(W, H, 3, new Uint8Array(W * H * 3).fill(255));
  assert.deepEqual(hiddenRowDecisions(decisions(), text(), colour), []);
});

test("when the row after a stack is cut by the image's bottom edge then the glyph tops left of it are covered from the stack's column", () => {
  // An image 156 px tall, the stack at its foot: the next row's place (y = 150, 14 px) keeps 6 rows.
  const r = rendered(W, 156, 1, new Uint8Array(W * 156).fill(20));
  const ys = [108, 122, 136];
  ys.forEach((y) => drawRow(r, 21, y + 1, 100));
  // Tops of two glyph groups on the last two rows (y = 154-155): at x = 24-27 and, a label's x-height letters later, at x = 50-60.
  for (const x of [24, 25, 26, 27, 50, 51, 55, 56, 60]) for (const y of [154, 155]) r.data[y * W + x] = 255;
  const dec: RedactionDecision[] = ys.map((y) => ({ frame: 0, box: { x: 20, y, w: 102, h: 14 }, reason: "unreadable-text", score: 0.5 }));
  const lines = ys.map((y) => line(y, 100));
  const out = hiddenRowDecisions(dec, { frame: 0, words: [], lines }, r);
  assert.deepEqual(out.map((d) => [d.box.x, d.box.y, d.box.x + d.box.w]), [[20, 150, 61]]);
  // Without glyph tops there, nothing.
  const bare = rendered(W, 156, 1, new Uint8Array(W * 156).fill(20));
  ys.forEach((y) => drawRow(bare, 21, y + 1, 100));
  assert.deepEqual(hiddenRowDecisions(dec, { frame: 0, words: [], lines }, bare), []);
});

test("when glyph strokes at the ink level run on just past a stack row's boxes over dark ground then they are covered, and an edge touching the row's margins is not", () => {
  const r = withRows();
  // A glyph (rows 27-33, clear of the middle row box's top row 24 and bottom row 37) at x = 124-126, past that row's boxes (x < 122).
  for (let y = 27; y < 34; y++) for (let x = 124; x < 127; x++) r.data[y * W + x] = 255;
  const out = hiddenRowDecisions(decisions(), text(), r);
  assert.deepEqual(out.map((d) => [d.box.x, d.box.y, d.box.x + d.box.w]), [[122, 24, 127]]);
  // A vertical edge at the ink level through the whole row (top to bottom) is no glyph.
  const edge = withRows();
  for (let y = 24; y < 38; y++) for (let x = 124; x < 127; x++) edge.data[y * W + x] = 255;
  assert.deepEqual(hiddenRowDecisions(decisions(), text(), edge), []);
});

test("when glyphs at the ink level stand on the row's place below a stack over ground that is not flat then that row is covered, unless OCR read it and the decision kept it", () => {
  // A fourth row of text (y = 52) that detection did not report: strokes on its rows 55-61, clear of the place's top (52) and bottom (65) rows.
  const r = withRows();
  drawRow(r, 21, 53, 90);
  const out = hiddenRowDecisions(decisions(), text(), r);
  assert.deepEqual(out.map((d) => [d.box.x, d.box.y, d.box.x + d.box.w]), [[20, 52, 109]]);
  // The same row read by OCR with confidence, and kept by the decision (clinical words): it stays.
  const read = { ...text(), lines: [...text().lines, { ...line(52, 90), readable: true }] };
  assert.deepEqual(hiddenRowDecisions(decisions(), read, r), []);
});

test("when a stack's row is a wrapped value, indented, then the rows below it still continue the stack from its first row's column", () => {
  // Rows at x = 20 (y = 10), an indented wrap at x = 90 (y = 24, running on to x = 192: under half
  // of it shares columns with the row below), then x = 20 again (y = 38, 52); white from y = 66.
  const ys = [10, 24, 38, 52];
  const xs = [20, 90, 20, 20];
  const ws = [120, 100, 110, 100];
  const r = image({ x0: 0, y0: 66, x1: W, y1: H });
  ys.forEach((y, i) => drawRow(r, xs[i] + 1, y + 1, ws[i]));
  const dec: RedactionDecision[] = ys.map((y, i) => ({ frame: 0, box: { x: xs[i], y, w: ws[i] + 2, h: 14 }, reason: "unreadable-text", score: 0.5 }));
  const lines = ys.map((y, i) => ({ ...line(y, ws[i]), box: { x: xs[i] + 1, y: y + 1, w: ws[i], h: 12 } }));
  const out = hiddenRowDecisions(dec, { frame: 0, words: [], lines }, r);
  // Placed at the column of the rows that start at x = 20, not at the wrap's.
  assert.deepEqual(out.map((d) => [d.box.x, d.box.y]), [[20, 66], [20, 80]]);
});

test("when a stack row starts right of the stack's edge over ground at the ink level then its start is covered", () => {
  // The middle row's boxes start at x = 60 (its label lost in white from x = 0 to 60 on its rows).
  const r = image({ x0: 0, y0: 24, x1: 60, y1: 38 });
  rows.forEach((y, i) => drawRow(r, i === 1 ? 61 : 21, y + 1, [120, 60, 110][i]));
  const dec = decisions().map((d, i) => (i === 1 ? { ...d, box: { x: 60, y: 24, w: 62, h: 14 } } : d));
  const lines = text().lines.map((l, i) => (i === 1 ? { ...l, box: { x: 61, y: 25, w: 60, h: 12 } } : l));
  const out = hiddenRowDecisions(dec, { frame: 0, words: [], lines }, r);
  assert.deepEqual(out.map((d) => [d.box.x, d.box.y, d.box.w]), [[20, 24, 40]]);
});
