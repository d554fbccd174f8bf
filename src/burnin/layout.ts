// Layout of detected text in a frame: blocks of stacked lines, rows split into pieces, wrapped values, gaps in a stack.
import { SURE_LINE_SCORE } from "../ocr/faint-ink.js";
import type { Rect } from "../redact/index.js";
import type { FrameLine, FrameText } from "./types.js";

export const union = (boxes: readonly Rect[]): Rect => {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
};
/** Glyph heights close enough for two lines to be one kind of text (block, row, column): within a ratio of 0.6. */
export const similarGlyphs = (a: number, b: number): boolean => Math.min(a, b) / Math.max(a, b, 1) > 0.6;

/** Two boxes share columns: their horizontal extents overlap. */
export const overlapsX = (a: Rect, b: Rect): boolean => Math.min(a.x + a.w, b.x + b.w) > Math.max(a.x, b.x);

/** Two boxes on one row: they overlap vertically by at least half the smaller height. */
export const sameRow = (a: Rect, b: Rect): boolean => Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) >= Math.min(a.h, b.h) / 2;

/**
 * Groups text lines into blocks: lines of similar glyph height stacked within about two line
 * heights of each other and overlapping or left-aligned horizontally. Returns a block id per line.
 */
export function textBlocks(boxes: readonly Rect[], charHeights: readonly number[]): number[] {
  const id = boxes.map((_, i) => i);
  const find = (i: number): number => (id[i] === i ? i : (id[i] = find(id[i])));
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const A = boxes[a];
      const B = boxes[b];
      const h = Math.max(A.h, B.h, 1);
      const similar = similarGlyphs(charHeights[a], charHeights[b]);
      const gap = Math.max(A.y, B.y) - Math.min(A.y + A.h, B.y + B.h);
      const overlapX = overlapsX(A, B) || Math.abs(A.x - B.x) <= h;
      const sameRow = gap < 0 && Math.max(A.x, B.x) - Math.min(A.x + A.w, B.x + B.w) <= 3 * h;
      if (similar && ((gap <= 2 * h && overlapX) || sameRow)) id[find(a)] = find(b);
    }
  }
  return boxes.map((_, i) => find(i));
}

/** Text-likeness below which a line is judged texture rather than text (the fail-safe's default minimum). */
const WEAK_LINE = 0.5;

/**
 * Lines that continue a flagged value wrapped onto the next lines: directly below (within a
 * line height), starting at or right of the value's left edge, and not a new "Label:" line, nor a
 * piece that does not look like text lying on the row of a line that starts left of the value
 * (texture beside another field).
 */
export function continuations(text: FrameText, flagged: ReadonlySet<number>, value: Rect): number[] {
  const out: number[] = [];
  let last = [...flagged].map((i) => text.lines[i].box).sort((a, b) => b.y + b.h - (a.y + a.h))[0];
  if (!last) return out;
  for (let step = 0; step < 4; step++) {
    const h = last.h;
    const next = text.lines.findIndex((l, i) => !flagged.has(i) && !out.includes(i)
      && l.box.y >= last!.y + last!.h - h / 2 && l.box.y - (last!.y + last!.h) <= h
      && l.box.x >= value.x - h && l.box.x <= value.x + value.w);
    if (next < 0) break;
    // A faint piece continues a row or a stack of fields (faint-ink.ts), not a wrapped value.
    if (text.lines[next].faint === true) break;
    // The next line down must be the nearest one under the value: a line in between (another field) ends it.
    const nb = text.lines[next].box;
    const between = text.lines.some((l, i) => i !== next && !flagged.has(i) && l.box.y < nb.y && l.box.y >= last!.y + last!.h - h / 2
      && overlapsX(l.box, value));
    if (between) break;
    // A piece on the row of a line that starts left of the value belongs to that row's field, not to the value.
    const ofRow = (text.lines[next].score ?? 1) < WEAK_LINE && text.lines.some((l, i) => i !== next && !flagged.has(i) && l.box.x < value.x - h && sameRow(l.box, nb));
    if (ofRow) break;
    const labelled = text.words.some((w) => w.line === next && /:$/.test(w.text));
    if (labelled) break;
    out.push(next);
    last = text.lines[next].box;
  }
  return out;
}

/**
 * The detector lines on the same row as line i: overlapping it vertically by at least half the
 * smaller height, of similar glyph height, and chained to it by horizontal gaps of at most three
 * line heights. Small or faint text often comes out of detection as several pieces of one row
 * ("Study Date:" and the value); a finding in one piece redacts the row. `accept` limits which
 * lines may join (e.g. not those read confidently, which speak for themselves).
 */
export function rowMates(lines: readonly FrameLine[], i: number, accept: (j: number) => boolean = () => true): number[] {
  const row = lines[i].box;
  const members = [i];
  let added = true;
  while (added) {
    added = false;
    lines.forEach((l, j) => {
      if (members.includes(j) || !accept(j)) return;
      const b = l.box;
      if (!sameRow(b, row) || !similarGlyphs(l.charHeight, lines[i].charHeight)) return;
      const h = Math.max(b.h, row.h);
      const near = members.some((m) => {
        const a = lines[m].box;
        return Math.max(a.x, b.x) - Math.min(a.x + a.w, b.x + b.w) <= 3 * h;
      });
      if (near) { members.push(j); added = true; }
    });
  }
  return members;
}

export const grow = (b: Rect, p: number): Rect => ({ x: b.x - p, y: b.y - p, w: b.w + 2 * p, h: b.h + 2 * p });
/**
 * True when the middle of `w` lies in `l`. "closed": on any edge counts; "half-open": the right
 * and bottom edges do not (as for pixel ranges [x, x + w)).
 */
export const centreIn = (w: Rect, l: Rect, edges: "closed" | "half-open"): boolean => {
  const cx = w.x + w.w / 2;
  const cy = w.y + w.h / 2;
  if (cx < l.x || cy < l.y) return false;
  return edges === "closed" ? cx <= l.x + l.w && cy <= l.y + l.h : cx < l.x + l.w && cy < l.y + l.h;
};
/** A word or box whose middle lies in `l`, edges included. */
export const inside = (w: Rect, l: Rect): boolean => centreIn(w, l, "closed");


/**
 * Gaps inside a row between two redacted pieces of it: lines of similar glyphs on one row whose
 * facing ends lie less than `maxGap` glyph heights apart (a value that detection split where it
 * lost a character or a separator, or a label and its value). The gap is covered over the rows
 * both pieces share; the nearest piece to the right only, so a gap never reaches past a piece.
 * `spans` are the pieces' redaction boxes.
 */
export function rowGaps(lines: readonly FrameLine[], redacted: ReadonlySet<number>, spans: readonly Rect[], maxGap = 2): Rect[] {
  const out: Rect[] = [];
  for (const i of redacted) {
    const a = spans[i];
    let next: number | undefined;
    for (const j of redacted) {
      const b = spans[j];
      if (j === i || b.x < a.x + a.w || !sameRow(a, b) || !similarGlyphs(lines[i].charHeight, lines[j].charHeight)) continue;
      if (next === undefined || b.x < spans[next].x) next = j;
    }
    if (next === undefined) continue;
    const b = spans[next];
    const gap = b.x - (a.x + a.w);
    if (gap <= 0 || gap > maxGap * Math.max(lines[i].charHeight, lines[next].charHeight)) continue;
    const y0 = Math.max(a.y, b.y);
    const y1 = Math.min(a.y + a.h, b.y + b.h);
    out.push({ x: a.x + a.w, y: y0, w: gap, h: y1 - y0 });
  }
  return out;
}

/**
 * Rows missing from a regular stack of PHI lines: where two flagged lines of one block, left
 * aligned and of similar height, lie two line pitches apart with nothing detected between them,
 * the row between held text that detection could not separate from its background (a bright
 * band, speckle). The block's pitch is its median distance between consecutive line tops.
 * Pairs up to four pitches apart are filled row by row where no line was detected, over the
 * columns both lines of the pair cover in `spans` (their redaction boxes; default their boxes).
 */
export function stackGaps(lines: readonly FrameLine[], blocks: readonly number[], flagged: ReadonlySet<number>, spans?: readonly Rect[]): Rect[] {
  const out: Rect[] = [];
  for (const block of new Set(blocks)) {
    const members = lines.map((l, i) => ({ l, i })).filter(({ i }) => blocks[i] === block).sort((a, b) => a.l.box.y - b.l.box.y);
    const tops = [...new Set(members.map(({ l }) => l.box.y))];
    // Pitch: the median distance between consecutive line tops of about one line (detected tops jitter).
    const hs = members.map(({ l }) => l.box.h).sort((a, b) => a - b);
    const hm = hs[hs.length >> 1];
    const steps = tops.slice(1).map((t, k) => t - tops[k]).filter((d) => d > hm / 2 && d <= 1.8 * hm).sort((a, b) => a - b);
    const pitch = steps.length ? steps[steps.length >> 1] : Infinity;
    const rows = members.filter(({ i }) => flagged.has(i));
    for (let k = 0; k < rows.length; k++) {
      const a = rows[k].l.box;
      // The next flagged line below that starts at the same left edge (wrapped values start further right).
      const next = rows.slice(k + 1).find(({ l: { box: r } }) => r.y > a.y && Math.abs(r.x - a.x) <= Math.max(a.h, r.h));
      if (!next) continue;
      const b = next.l.box;
      const h = Math.max(a.h, b.h);
      const d = b.y - a.y;
      // Without a pitch of its own (a block of these two lines), a distance of 1.6-3.6 line heights is two pitches.
      const p = pitch <= 1.8 * h ? pitch : d >= 1.6 * h && d <= 3.6 * h ? d / 2 : Infinity;
      if (!Number.isFinite(p)) continue;
      const n = Math.round(d / p);
      if (n < 2 || n > 4 || Math.abs(d - n * p) > p / 4) continue;
      // The columns both neighbours are redacted over: the lost row is judged no longer than the rows around it.
      const sa = spans?.[rows[k].i] ?? a;
      const sb = spans?.[next.i] ?? b;
      const x = Math.max(sa.x, sb.x);
      const w = Math.min(sa.x + sa.w, sb.x + sb.w) - x;
      if (w <= 0) continue;
      for (let r = 1; r < n; r++) {
        const y = a.y + Math.round(((b.y - a.y) * r) / n);
        // Occupied when a detected line crosses the middle half of the row (neighbours may overlap its edges).
        const occupied = lines.some((l) => l.box.y < y + (3 * h) / 4 && l.box.y + l.box.h > y + h / 4 && overlapsX(l.box, { x, y, w, h }));
        if (!occupied) out.push({ x, y, w, h });
      }
    }
  }
  return out;
}

/** Words read at least this confidently (0-100) fix the height of a line that is too tall for its glyphs. */
const ANCHOR_CONFIDENCE = 60;

/** The boxes of every word OCR read in line i, whatever its confidence. */
const lineWords = (text: FrameText, i: number): Rect[] => text.words.filter((w) => w.line === i).map((w) => w.box);

/**
 * A line box much taller than its glyphs (1.6 times their height or more) merged texture above
 * or below the text; when OCR read a word in it confidently, its height is cut to that of all
 * its words (any confidence: nothing OCR saw is cut off), with a third of a glyph height to
 * spare. Otherwise the box is kept.
 */
function tallTrimmed(text: FrameText, i: number): Rect {
  const l = text.lines[i];
  const b = l.box;
  if (b.h < 1.6 * l.charHeight) return b;
  if (!text.words.some((w) => w.line === i && w.confidence >= ANCHOR_CONFIDENCE)) return b;
  const all = lineWords(text, i);
  const spare = Math.max(2, Math.round(l.charHeight / 3));
  const y0 = Math.max(b.y, Math.min(...all.map((w) => w.y)) - spare);
  const y1 = Math.min(b.y + b.h, Math.max(...all.map((w) => w.y + w.h)) + spare);
  return y1 > y0 ? { x: b.x, y: y0, w: b.w, h: y1 - y0 } : b;
}

/**
 * A line whose first word OCR read confidently, starting more than two glyph heights right of
 * the line's left edge, merged texture before its text: OCR found no word there, and the first
 * word it trusts opens the line (labels open the rows of a stack). The box starts one glyph
 * height before that word. The right end is kept: values end rows, and OCR drops faint ones.
 */
function leftTrimmed(text: FrameText, i: number, b: Rect): Rect {
  const ch = text.lines[i].charHeight;
  const first = text.words.filter((w) => w.line === i).sort((p, q) => p.box.x - q.box.x)[0];
  if (!first || first.confidence < ANCHOR_CONFIDENCE || first.box.x - b.x <= 2 * ch) return b;
  const x0 = Math.round(first.box.x - ch);
  return { x: x0, y: b.y, w: b.x + b.w - x0, h: b.h };
}

/**
 * The box each line is redacted with. Detection sometimes adds, beside the lines of a block, a
 * taller line that merges one of them with texture or with the next row; OCR then reads the same
 * words again. Such a line (holding, in its height, lines at most three quarters as tall, of
 * similar glyphs, overlapping it) is cut to the columns of the lines it holds, widened by their
 * height, and never narrower than its own words: the texture merged beside them is not text.
 * Texture merged before a line's first confidently read word is cut off (see leftTrimmed).
 * Lines of tiny glyphs (4 px or less) are widened by one and a half glyph heights on each side,
 * except on the left where two other rows start at the same column (see sharedLeftEdge).
 */
export function redactionBoxes(text: FrameText): Rect[] {
  return mergedLineBoxes(text).map((merged, i) => {
    const b = leftTrimmed(text, i, merged);
    // Tiny glyphs (a few pixels) blur into the ground at a line's ends, where detection stops a
    // glyph short: such lines get one and a half glyph heights more on each side. Faint pieces
    // are measured in whole glyph-wide windows, which reach past their ends already.
    const ch = text.lines[i].charHeight;
    const side = ch <= TINY_GLYPH && text.lines[i].faint !== true ? Math.ceil(1.5 * ch) : 0;
    // A left edge that two other rows of such glyphs share to the pixel is where glyphs start
    // (a key column), not a glyph lost to the ground.
    const left = side && sharedLeftEdge(text, i) ? 0 : side;
    return side ? { x: b.x - left, y: b.y, w: b.w + left + side, h: b.h } : b;
  });
}

/**
 * True when two other lines (no faint pieces) of similar glyphs, within six glyph heights above
 * or below, start at exactly line i's left column. Within 2 px was too loose: a row whose first
 * glyph ("1" of "1997") detection had lost lay 1-2 px from two rows beside it.
 */
function sharedLeftEdge(text: FrameText, i: number): boolean {
  const l = text.lines[i];
  const ch = l.charHeight;
  const same = text.lines.filter((o, j) =>
    j !== i && o.faint !== true && o.box.x === l.box.x &&
    Math.max(o.charHeight, ch) <= 1.5 * Math.min(o.charHeight, ch) && Math.abs(o.box.y - l.box.y) <= 6 * ch);
  return same.length >= 2;
}

/** Whether OCR read line `i` fairly well: words with a mean confidence of 60 or more. */
export function readFairlyWell(text: FrameText, i: number): boolean {
  const ws = text.words.filter((w) => w.line === i);
  return ws.length > 0 && ws.reduce((n, w) => n + w.confidence, 0) / ws.length >= FAIR_READ;
}

/** Mean word confidence (0-100) of a line read fairly well. */
const FAIR_READ = 60;

/**
 * A detected line that detection did not take for text with some certainty (text-likeness under
 * the faint-ink scan's "sure" line, 0.6) and that is no faint-ink piece: the fail-safe may
 * redact it inside a block with a finding, but it is no evidence of a row of a stack.
 */
export function weakLine(l: FrameLine): boolean {
  return l.faint !== true && (l.score ?? 1) < SURE_LINE_SCORE;
}


/** Glyph height (pixels) up to which a line counts as tiny text. */
const TINY_GLYPH = 4;

/** The line boxes with tall lines trimmed and merged lines cut to their rows (see redactionBoxes). */
function mergedLineBoxes(text: FrameText): Rect[] {
  const lines = text.lines;
  return lines.map((l, i) => {
    const b = tallTrimmed(text, i);
    const heldIdx = lines.map((_, j) => j).filter((j) => {
      const m = lines[j];
      if (j === i || m.box.h > 0.75 * b.h) return false;
      const cy = m.box.y + m.box.h / 2;
      return similarGlyphs(m.charHeight, l.charHeight) && cy >= b.y && cy <= b.y + b.h && overlapsX(m.box, b);
    });
    const held = heldIdx.map((j) => lines[j]);
    if (!held.length) return b;
    // Two rows merged, or one row with texture beside it (the row holds one end of the line, and
    // OCR read it fairly well, so it is trusted to be the text); not a line that merely holds a
    // fragment somewhere in its middle.
    const m = Math.max(...held.map((h) => h.box.h));
    const lo = Math.min(...held.map((h) => h.box.x));
    const hi = Math.max(...held.map((h) => h.box.x + h.box.w));
    const atAnEnd = (Math.abs(lo - b.x) <= m || Math.abs(b.x + b.w - hi) <= m) && heldIdx.every((j) => readFairlyWell(text, j));
    if (held.length < 2 && hi - lo < 0.6 * b.w && !atAnEnd) return b;
    // Never narrower than the words OCR read in the line itself.
    const own = lineWords(text, i);
    const x0 = Math.max(b.x, Math.min(lo - m, ...own.map((w) => w.x)));
    const x1 = Math.min(b.x + b.w, Math.max(hi + m, ...own.map((w) => w.x + w.w)));
    return { x: x0, y: b.y, w: x1 - x0, h: b.h };
  });
}

/**
 * The first or last row of a stack seen only in part: a line taken by the fail-safe (`pieces`)
 * at the top or bottom of its block, one line pitch (within a quarter) from the nearest row of
 * the block's other redacted lines, and under half as wide as that row. Small or faint text over
 * speckle comes out of detection in pieces, and the piece of an outer row is no measure of its
 * width (no stack gap reaches it). That row is redacted over the columns of its neighbour row,
 * unless `widenable` says the piece is no evidence of a row.
 */
export function partialEdgeRows(
  boxes: readonly Rect[],
  blocks: readonly number[],
  pieces: ReadonlySet<number>,
  redacted: ReadonlySet<number>,
  options: { widenable?: (i: number) => boolean } = {},
): Rect[] {
  const out: Rect[] = [];
  for (const i of pieces) {
    const b = boxes[i];
    const rows = [...new Set([...pieces, ...redacted])].filter((j) => j !== i && blocks[j] === blocks[i] && !sameRow(boxes[j], b));
    if (rows.length < 2) continue;
    const all = union(rows.map((j) => boxes[j]));
    const outer = b.y + b.h <= all.y + b.h / 2 || b.y >= all.y + all.h - b.h / 2;
    if (!outer) continue;
    // Row tops of the block (lines within half this line's height of each other share a row), and their pitch.
    const tops: number[] = [];
    for (const y of rows.map((j) => boxes[j].y).sort((p, q) => p - q)) if (!tops.length || y - tops[tops.length - 1] > b.h / 2) tops.push(y);
    if (tops.length < 2) continue;
    const steps = tops.slice(1).map((y, k) => y - tops[k]).sort((p, q) => p - q);
    const pitch = steps[steps.length >> 1];
    const nearest = tops.reduce((p, q) => (Math.abs(q - b.y) < Math.abs(p - b.y) ? q : p));
    const gap = Math.abs(nearest - b.y);
    if (gap < 0.75 * pitch || gap > 1.25 * pitch) continue;
    const neighbour = union(rows.filter((j) => Math.abs(boxes[j].y - nearest) <= b.h / 2).map((j) => boxes[j]));
    if (b.w >= 0.5 * neighbour.w || options.widenable?.(i) === false) continue;
    out.push({ x: neighbour.x, y: b.y, w: neighbour.w, h: b.h });
  }
  return out;
}
