// The left margin of a stack of lines: a row whose detected start falls short of it lost its start.
import type { Rect } from "../redact/index.js";
import type { FrameText } from "./types.js";

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
    const overlapsX = (j: number): boolean => Math.min(boxes[j].x + boxes[j].w, b.x + b.w) > Math.max(boxes[j].x, b.x) - 3 * h;
    // A row apart: overlapping line i by at most a quarter of the smaller height (boxes are padded).
    const similar = (j: number): boolean => Math.min(lines[j].charHeight, lines[i].charHeight) / Math.max(lines[j].charHeight, lines[i].charHeight, 1) > 0.6;
    const apart = (j: number, gap: number): boolean => similar(j) && gap >= -Math.min(h, boxes[j].h) / 4 && gap <= 2 * h && overlapsX(j);
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
    if (margin < b.x && above !== undefined) {
      const ws = text.words.filter((w) => w.line === above).sort((p, q) => p.box.x - q.box.x);
      if (ws.slice(1).some((w) => b.x >= w.box.x - tol && b.x <= w.box.x + w.box.w)) return b;
    }
    return margin < b.x ? { x: margin, y: b.y, w: b.x + b.w - margin, h: b.h } : b;
  });
}
