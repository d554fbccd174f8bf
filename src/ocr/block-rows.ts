/**
 * Rows of a text block: a candidate that failed the text-likeness test on its own is taken when
 * it continues a block of accepted lines (stacked just above or below an accepted line of the same
 * polarity, ink level and glyph height, starting near it) and passes a relaxed test. Text drawn
 * over texture of nearly its own grey (dark glyphs over dark tissue) stands out too little from
 * the ground to be accepted alone, while the rows of its block over plain ground are.
 */
import type { LineCandidate } from "./line-candidates.js";

/** Options of `blockRows`. */
export interface BlockRowOptions {
  /** Relaxed smallest contrast between a row's level and its ground. Default 20. */
  minRowContrast?: number;
  /** Smallest text score of a relaxed row (stricter than a line alone, 0.25). Default 0.4. */
  minRowScore?: number;
}

/** Whether `c` sits in the same block as the accepted line `s`: the next row up or down, aligned. */
export function stackedWith(c: LineCandidate, s: LineCandidate): boolean {
  if (c.polarity !== s.polarity || Math.abs(c.level - s.level) > 12) return false;
  const h = Math.max(c.charHeight, s.charHeight);
  if (h > 1.4 * Math.min(c.charHeight, s.charHeight)) return false;
  const gap = Math.max(c.box.y - (s.box.y + s.box.h), s.box.y - (c.box.y + c.box.h));
  if (gap < -0.25 * h || gap > 1.5 * h) return false;
  const overlapX = Math.min(c.box.x + c.box.w, s.box.x + s.box.w) - Math.max(c.box.x, s.box.x);
  return overlapX > 0 || Math.abs(c.box.x - s.box.x) <= 2 * h;
}

/** Whether `c` overlaps `s` in columns and in more than a quarter glyph height of rows (not a new row). */
function sameRow(c: LineCandidate, s: LineCandidate): boolean {
  const overlapX = Math.min(c.box.x + c.box.w, s.box.x + s.box.w) - Math.max(c.box.x, s.box.x);
  const overlapY = Math.min(c.box.y + c.box.h, s.box.y + s.box.h) - Math.max(c.box.y, s.box.y);
  return overlapX > 0 && overlapY > 0.25 * Math.max(c.charHeight, s.charHeight);
}

/**
 * The candidates of `pool` that continue the blocks of `seeds`, chained row by row (a row taken
 * lets the next one join), at most `maxRows` of them. `relaxed` is the text test with the relaxed
 * thresholds.
 */
export function blockRows(seeds: LineCandidate[], pool: LineCandidate[], relaxed: (c: LineCandidate) => boolean, maxRows = 64): LineCandidate[] {
  const accepted = [...seeds];
  const taken = new Set(seeds);
  const open = pool.filter((c) => !taken.has(c) && relaxed(c));
  const out: LineCandidate[] = [];
  let grown = true;
  // At most maxRows rows join (each pass adds at least one): bounded time, and OCR is not flooded.
  while (grown && out.length < maxRows) {
    grown = false;
    for (let i = 0; i < open.length && out.length < maxRows; i++) {
      const c = open[i];
      if (!accepted.some((s) => stackedWith(c, s)) || accepted.some((s) => sameRow(c, s))) continue;
      accepted.push(c);
      out.push(c);
      open.splice(i--, 1);
      grown = true;
    }
  }
  return out;
}
