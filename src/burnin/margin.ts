// The left margin of a stack of lines: a row whose detected start falls short of it lost its start.
import type { Rect } from "../redact/index.js";
import type { FrameText } from "./types.js";
import { sameRow, similarGlyphs } from "./layout.js";

/**
 * True when x lies under a word of line j past its first: a value wrapped from line j (the first
 * word is its label) starts there, right of the stack's margin by design.
 */
function underLaterWord(text: FrameText, j: number, x: number, tol: number): boolean {
  const ws = text.words.filter((w) => w.line === j).sort((p, q) => p.box.x - q.box.x);
  return ws.slice(1).some((w) => x >= w.box.x - tol && x <= w.box.x + w.box.w);
}

/**
 * Lines of a stack (label: value rows) share a left margin. A row whose detected box starts well
 * right of that margin, between neighbours that start at it, lost its start in detection (the
 * label or the value's first characters drawn over a band of their own grey level): its box is
 * extended left to the margin. The margin is the left edge of the nearest line of the block
 * directly above or below, when a second line of the block also starts there (a column). A
 * wrapped value (its start under the start of a word of the line above, past that line's first
 * word) starts right of the margin by design and is left alone.
 */
export function marginExtended(text: FrameText, boxes: readonly Rect[], blocks: readonly number[]): Rect[] {
  const lines = text.lines;
  return boxes.map((b, i) => {
    const h = b.h;
    const members = boxes.map((_, j) => j).filter((j) => j !== i && blocks[j] === blocks[i]);
    // Nearest lines of the block above and below, not on the same row, within two line heights.
    const nearX = (j: number): boolean => Math.min(boxes[j].x + boxes[j].w, b.x + b.w) > Math.max(boxes[j].x, b.x) - 3 * h;
    // A row apart: overlapping line i by at most a quarter of the smaller height (boxes are padded).
    const apart = (j: number, gap: number): boolean => similarGlyphs(lines[j].charHeight, lines[i].charHeight) && gap >= -Math.min(h, boxes[j].h) / 4 && gap <= 2 * h && nearX(j);
    const aboveAll = members.filter((j) => boxes[j].y < b.y && apart(j, b.y - (boxes[j].y + boxes[j].h)));
    const belowAll = members.filter((j) => boxes[j].y > b.y && apart(j, boxes[j].y - (b.y + b.h)));
    const above = aboveAll.sort((p, q) => boxes[q].y - boxes[p].y)[0];
    const below = belowAll.sort((p, q) => boxes[p].y - boxes[q].y)[0];
    const tol = Math.max(2, lines[i].charHeight / 2);
    let margin = b.x;
    for (const n of [above, below]) {
      if (n === undefined || lines[n].readable !== true) continue;
      const x = boxes[n].x;
      if (x >= b.x - h) continue;
      const column = members.filter((j) => Math.abs(boxes[j].x - x) <= tol).length >= 2;
      if (column) margin = Math.min(margin, x);
    }
    // A wrapped value: its start lies under a word of the line above past that line's first (its label).
    if (margin < b.x && above !== undefined && underLaterWord(text, above, b.x, tol)) return b;
    return margin < b.x ? { x: margin, y: b.y, w: b.x + b.w - margin, h: b.h } : b;
  });
}

/** Words read at least this confidently (0-100) left of a stack's margin keep a line's start there. */
const TRUSTED_WORD = 60;

/**
 * The mirror case: a line reaching more than two glyph heights left of the margin of its block's
 * column (the left edge at which two or more other rows of similar glyphs start) merged texture
 * before the stack (a bone edge, speckle) into its box. Its box starts one glyph height before the
 * margin, unless OCR read a word confidently before that (text written out of the column stays).
 * Row starts only make a margin: a value piece right of its label on its row does not. A line
 * at the block's own margin (a column of the block starts where it starts, within two glyph
 * heights) keeps its box, and a wrapped value's column (its top line under a word, past the
 * first, of a line just above) is no margin.
 */
export function marginTrimmed(text: FrameText, boxes: readonly Rect[], blocks: readonly number[]): Rect[] {
  const lines = text.lines;
  return boxes.map((b, i) => {
    const ch = lines[i].charHeight;
    const similar = (j: number): boolean => similarGlyphs(lines[j].charHeight, ch);
    const block = boxes.map((_, j) => j).filter((j) => j !== i && blocks[j] === blocks[i]);
    // A row start: no line of the block ends before it on its row (a value piece right of its label is not one).
    const rowStart = (k: number): boolean => !boxes.some((a, j) => j !== k && blocks[j] === blocks[i] && a.x + a.w <= boxes[k].x + ch && sameRow(a, boxes[k]));
    const others = block.filter((j) => similar(j) && boxes[j].x > b.x + 2 * ch && rowStart(j));
    // A column of the block starting at or left of the line: the line starts at the stack's own margin.
    const lefts = block.filter((j) => similar(j) && boxes[j].x <= b.x + 2 * ch && rowStart(j));
    if (lefts.some((k) => lefts.filter((j) => Math.abs(boxes[j].x - boxes[k].x) <= ch).length >= 2)) return b;
    // A wrapped value's column: its top line starts under a word, past the first, of a line just above it.
    const wrapped = (col: readonly number[]): boolean => {
      const top = col.reduce((p, q) => (boxes[q].y < boxes[p].y ? q : p));
      const t = boxes[top];
      return block.some((j) => {
        const a = boxes[j];
        return j !== top && a.y < t.y && t.y - (a.y + a.h) <= 2 * t.h && a.x < t.x - 2 * ch && underLaterWord(text, j, t.x, ch);
      });
    };
    let margin = Infinity;
    for (const k of others) {
      const x = boxes[k].x;
      if (x >= margin) continue;
      const col = others.filter((j) => Math.abs(boxes[j].x - x) <= ch);
      if (col.length >= 2 && !wrapped(col)) margin = Math.min(...col.map((j) => boxes[j].x));
    }
    // The line must reach well into the column (hold text there), not lie before it.
    if (!Number.isFinite(margin) || b.x >= margin - 2 * ch || b.x + b.w < margin + 2 * ch) return b;
    const trusted = text.words.filter((w) => w.line === i && w.confidence >= TRUSTED_WORD).map((w) => w.box.x);
    const x0 = Math.round(Math.min(margin - ch, ...trusted));
    return x0 > b.x ? { x: x0, y: b.y, w: b.x + b.w - x0, h: b.h } : b;
  });
}
