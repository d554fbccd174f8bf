/**
 * Text running onto a ground of nearly its own grey: the pieces of a text row, and the rows of a
 * stack, that the stroke masks miss because the glyphs stand out from that ground by less than
 * their contrast threshold (dark glyphs over dark tissue or noise, light ones over bright anatomy).
 *
 * From each detected line, the scan walks along its glyph rows, window by window (one glyph
 * height wide), past both ends; from each stack of lines it walks the rows one line pitch above
 * and below (from a lone line, at the pitch where it finds the most ink). A window holds ink when, measured against the ground of the rows just above and
 * below it (the gaps between text rows), pixels near the line's own ink level are several times
 * denser on the glyph rows than on those gap rows, with columns free of ink between glyphs (a bar
 * has none). Texture has no such rows; ground at the ink level itself has ink on the gap rows
 * too, and text drawn in it leaves no trace to find. Everything is relative to the line's
 * measured glyph height and grey levels.
 */
import { overlapArea, type OcrBox } from "./engine.js";
import { median } from "./line-candidates.js";
import type { GreyImage } from "./raster.js";
import type { TextLine } from "./text-lines.js";

/** Options of `faintInkPieces`. */
export interface FaintInkOptions {
  /** Smallest share of ink pixels on the glyph rows of a window. Default 0.15. */
  minInk?: number;
  /** Smallest ratio of ink on the glyph rows to ink on the busier gap row band. Default 2.5. */
  minInkRatio?: number;
  /** Smallest difference between the ink level and a window's ground, in grey levels. Default 10. */
  minGroundContrast?: number;
  /** Smallest text score of a line whose row is followed past its ends, or of a stack's line. Default SURE_LINE_SCORE (0.6). */
  minSourceScore?: number;
  /** Smallest text score of a lone line (in no stack) whose neighbour rows are looked for. Default 0.9. */
  minLoneScore?: number;
  /** Most rows probed beyond each end of a stack. Default 4. */
  maxStackRows?: number;
}

/** Rows [y0, y1) of a line's glyph cores. */
interface Rows {
  y0: number;
  y1: number;
}

/** Columns [x0, x1) of inked windows in a row. */
interface Run {
  x0: number;
  x1: number;
}

/**
 * Pieces of text beside the detected lines, over ground of nearly their ink's grey: each a new
 * line (same polarity, level and glyph height as the line it continues) with score 0.5, marked
 * `faint` (OCR does not read it; the fail-safe redacts it inside a text block).
 */
export function faintInkPieces(image: GreyImage, lines: readonly TextLine[], options: FaintInkOptions = {}): TextLine[] {
  const out: TextLine[] = [];
  const rowsOf = lines.map((l) => glyphRows(image, l));
  // A detected line holds the rows of its glyph cores: a box grown over texture or over the next
  // row (a tall merged line) does not close those rows to the scan.
  const taken: OcrBox[] = lines.map((l, i) => {
    const rows = rowsOf[i];
    return rows ? { x: l.box.x, y: rows.y0, w: l.box.w, h: rows.y1 - rows.y0 } : l.box;
  });
  const add = (of: TextLine, box: OcrBox): void => {
    out.push({ box, polarity: of.polarity, charHeight: of.charHeight, glyphs: Math.max(1, Math.round(box.w / Math.max(1, of.charHeight))), level: of.level, score: 0.5, faint: true });
    taken.push(box);
  };
  // Only lines that are text beyond doubt are followed (texture ends in texture).
  const sure = (i: number): boolean => lines[i].score >= (options.minSourceScore ?? SURE_LINE_SCORE);
  for (let i = 0; i < lines.length; i++) {
    const rows = rowsOf[i];
    if (!rows || !sure(i)) continue;
    for (const piece of alongRow(image, lines[i], rows, taken, options)) {
      // A piece another line's scan found already (or a box grown over this row) is not added twice.
      const band = { x: piece.x, y: rows.y0, w: piece.w, h: rows.y1 - rows.y0 };
      if (!taken.some((t) => overlapArea(t, band) >= 0.5 * band.w * band.h)) add(lines[i], piece);
    }
  }
  // Rows beyond the end line of a stack, one pitch after another, from `shift` (the first row's).
  const follow = (stack: Stack, end: number, dir: -1 | 1, first = 1, shift = 0): void => {
    for (let k = first; k <= (options.maxStackRows ?? 4); k++) {
      const row = stackRow(image, lines[end], rowsOf[end]!, stack, shift + dir * stack.pitch, taken, options);
      // A row already detected in part (a value right of its unseen label) keeps the stack going.
      if (!row || (row.runs.length === 0 && !row.known)) break;
      shift = row.shift;
      for (const r of row.runs) add(lines[end], rowBox(lines[end].box, r, shift, image.height));
    }
  };
  const found = stacks(lines, rowsOf, sure);
  for (const stack of found) {
    follow(stack, stack.lines[0], -1);
    follow(stack, stack.lines[stack.lines.length - 1], 1);
  }
  // A lone row of text (no stack to give a pitch): the rows just above and below it are looked
  // for at every pitch of 1.3 to 2.5 glyph heights, the one with most ink is taken, and the
  // stack it makes is followed on at that pitch.
  const stacked = new Set(found.flatMap((s) => s.lines));
  for (let i = 0; i < lines.length; i++) {
    if (!rowsOf[i] || stacked.has(i) || lines[i].score < (options.minLoneScore ?? 0.9)) continue;
    const l = lines[i];
    const h = l.charHeight;
    for (const dir of [-1, 1] as const) {
      let best: { row: StackRow; length: number; pitch: number } | undefined;
      for (let p = Math.ceil(1.3 * h); p <= Math.floor(2.5 * h); p++) {
        const row = stackRow(image, l, rowsOf[i]!, { lines: [i], pitch: p, h, x0: l.box.x, x1: l.box.x + l.box.w }, dir * p, taken, options);
        const length = row ? row.runs.reduce((a, r) => a + r.x1 - r.x0, 0) : 0;
        if (row && length >= 3 * h && (!best || length > best.length)) best = { row, length, pitch: Math.abs(row.shift) };
      }
      if (!best) continue;
      for (const r of best.row.runs) add(l, rowBox(l.box, r, best.row.shift, image.height));
      follow({ lines: [i], pitch: best.pitch, h, x0: l.box.x, x1: l.box.x + l.box.w }, i, dir, 2, best.row.shift);
    }
  }
  return out;
}

/** A row probed beyond a stack: its runs, and whether a detected box already lies on it. */
interface StackRow {
  shift: number;
  runs: Run[];
  known: boolean;
}

/**
 * The row of a stack `at` pixels below the glyph rows of its end line `of`. The pitch of a few
 * rows of small glyphs is known to a pixel or so: the row is looked for one pixel either side too. The row may run on past the stack's other rows (a
 * longer value): runs are chained from the stack's left edge, or from a box already on the row,
 * word space by word space.
 */
function stackRow(image: GreyImage, of: TextLine, rows: Rows, stack: Stack, at: number, taken: readonly OcrBox[], options: FaintInkOptions): StackRow | undefined {
  let best: StackRow | undefined;
  let bestLength = -1;
  let bestFit = -1;
  for (const jitter of [0, -1, 1]) {
    const shift = Math.round(at) + jitter;
    // A row cut by the image's edge is looked for in the part of it that is left (half at least).
    const next: Rows = { y0: Math.max(0, rows.y0 + shift), y1: Math.min(image.height, rows.y1 + shift) };
    if (next.y1 - next.y0 < (rows.y1 - rows.y0) / 2) continue;
    const span = { x: stack.x0 - stack.h, y: next.y0, w: stack.x1 - stack.x0 + 3 * stack.h, h: next.y1 - next.y0 };
    const onRow = taken.filter((t) => overlapArea(t, span) >= 0.5 * span.h * Math.min(t.w, span.w));
    const reach = Math.max(stack.x0 + 2 * stack.h, ...onRow.map((b) => b.x + b.w + 2 * stack.h));
    const runs = chained(scanRuns(image, of, next, span.x, image.width, reach, taken, options), stack.x0, onRow, stack.h).filter((r) => r.x1 - r.x0 >= 2 * stack.h);
    // The most ink wins; at equal ink (none), the shift that best fits the boxes already on the
    // row, so that the pitch does not drift past a row found in part.
    const length = runs.reduce((a, r) => a + r.x1 - r.x0, 0);
    const fit = onRow.reduce((a, t) => a + overlapArea(t, span), 0);
    if (length > bestLength || (length === bestLength && fit > bestFit)) {
      best = { shift, runs, known: onRow.length > 0 };
      bestLength = length;
      bestFit = fit;
    }
  }
  return best;
}

/** The runs reached from column `x0` or from the boxes of a row, each starting within two glyph heights of the last run or box reached. */
function chained(runs: readonly Run[], x0: number, onRow: readonly OcrBox[], h: number): Run[] {
  const ends = [x0, ...onRow.map((b) => b.x + b.w)];
  const starts = onRow.map((b) => b.x);
  const out: Run[] = [];
  for (const r of [...runs].sort((a, b) => a.x0 - b.x0)) {
    const reached = ends.some((e) => r.x0 <= e + 2 * h && r.x1 >= e - 2 * h) || starts.some((s) => Math.abs(r.x1 - s) <= 2 * h);
    if (!reached) continue;
    out.push(r);
    ends.push(r.x1);
  }
  return out;
}

/**
 * A piece's box: the columns of a run, the rows of the line box it continues (moved down by
 * `shift`), so that the rows of a stack keep one pitch between their tops.
 */
function rowBox(of: OcrBox, run: Run, shift: number, height: number): OcrBox {
  const y0 = Math.max(0, of.y + shift);
  const y1 = Math.min(height, of.y + of.h + shift);
  return { x: run.x0, y: y0, w: run.x1 - run.x0, h: Math.max(1, y1 - y0) };
}

/** Text score from which a detected line is surely text enough to follow its row or stack (and, in burnin/layout.ts, to be a stack's row). */
export const SURE_LINE_SCORE = 0.6;

/** True for a pixel at least halfway from the ground to the ink level. */
function isInk(v: number, level: number, ground: number, dark: boolean): boolean {
  return dark ? v <= (level + ground) / 2 : v >= (level + ground) / 2;
}

/**
 * The rows of a line's glyph cores: inside its box, the contiguous rows around the inkiest one
 * whose ink count reaches a third of it (ink measured against the box's median grey).
 */
function glyphRows(image: GreyImage, line: TextLine): Rows | undefined {
  const { x, y, w, h } = line.box;
  if (w <= 0 || h <= 0) return undefined;
  const hist = new Uint32Array(256);
  for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) hist[image.data[r * image.width + c]]++;
  let seen = 0;
  let ground = 0;
  while (ground < 255 && (seen += hist[ground]) <= (w * h) / 2) ground++;
  const dark = line.polarity === "dark";
  if (Math.abs(ground - line.level) < 2) return undefined;
  const counts: number[] = [];
  for (let r = y; r < y + h; r++) {
    let n = 0;
    for (let c = x; c < x + w; c++) if (isInk(image.data[r * image.width + c], line.level, ground, dark)) n++;
    counts.push(n);
  }
  const top = counts.indexOf(Math.max(...counts));
  if (counts[top] === 0) return undefined;
  let y0 = top;
  let y1 = top + 1;
  while (y0 > 0 && counts[y0 - 1] >= counts[top] / 3) y0--;
  while (y1 < h && counts[y1] >= counts[top] / 3) y1++;
  return { y0: y + y0, y1: y + y1 };
}

/** Pieces along a line's row past its right and left ends (within a word space of them), up to the next detected box or the image's edge. */
function alongRow(image: GreyImage, line: TextLine, rows: Rows, taken: readonly OcrBox[], options: FaintInkOptions): OcrBox[] {
  const h = Math.max(2, Math.round(line.charHeight));
  const { x, w } = line.box;
  const onRow = taken.filter((t) => t.y < rows.y1 && t.y + t.h > rows.y0);
  const right = Math.min(image.width, ...onRow.filter((t) => t.x >= x + w).map((t) => t.x));
  const left = Math.max(0, ...onRow.filter((t) => t.x + t.w <= x).map((t) => t.x + t.w));
  const out: OcrBox[] = [];
  for (const [from, to, reach] of [[x + w, right, x + w + h], [x, left, x - h]]) {
    const [run] = scanRuns(image, line, rows, from, to, reach, taken, options, h);
    if (run && run.x1 - run.x0 >= 2 * h) out.push(rowBox(line.box, run, 0, image.height));
  }
  return out;
}

/**
 * Runs of inked windows of glyph rows `rows`, scanned from column `from` towards `to` (either
 * way), windows one glyph height wide. A run bridges at most two empty windows (a word space)
 * and ends at a detected box; the scan stops where no run is open past `reach` (a run must start
 * before it), which a closed run moves two glyph heights past its end.
 */
function scanRuns(image: GreyImage, line: TextLine, rows: Rows, from: number, to: number, reach: number, taken: readonly OcrBox[], options: FaintInkOptions, step = Math.max(2, Math.round(line.charHeight))): Run[] {
  const dir = to >= from ? 1 : -1;
  const lo = Math.max(0, Math.floor(Math.min(from, to)));
  const hi = Math.min(image.width, Math.ceil(Math.max(from, to)));
  const bandH = rows.y1 - rows.y0;
  const gapH = Math.max(1, Math.round(bandH / 2));
  // At the image's edge, the gap rows on the other side are the only ground there is.
  if ((rows.y0 - gapH < 0 && rows.y1 + gapH > image.height) || bandH <= 0) return [];
  const runs: Run[] = [];
  let open: (Run & { empty: number }) | undefined;
  let misses = 0;
  let limit = reach;
  // Glyphs leave columns without ink between them; a bar or an edge along the row does not.
  const close = (): void => {
    if (open && open.empty >= MIN_EMPTY_COLUMNS * (open.x1 - open.x0)) {
      runs.push({ x0: open.x0, x1: open.x1 });
      limit = dir > 0 ? Math.max(limit, open.x1 + 2 * step) : Math.min(limit, open.x0 - 2 * step);
    }
    open = undefined;
    misses = 0;
  };
  for (let k = 0; ; k++) {
    const c0 = dir > 0 ? lo + k * step : hi - (k + 1) * step;
    const c1 = c0 + step;
    if (c0 < lo || c1 > hi) break;
    if (!open && (dir > 0 ? c0 > limit : c1 < limit)) break;
    // A detected box ends a run where it covers half the window (a box touching its edge rows does not).
    if (taken.some((t) => overlapArea(t, { x: c0, y: rows.y0, w: step, h: bandH }) >= 0.5 * step * bandH)) {
      close();
      continue;
    }
    const empty = windowInk(image, line, rows, gapH, c0, c1, options);
    if (empty === undefined) {
      if (open && ++misses > 2) close();
      continue;
    }
    if (!open) open = { x0: c0, x1: c1, empty };
    else {
      open.x0 = Math.min(open.x0, c0);
      open.x1 = Math.max(open.x1, c1);
      open.empty += empty;
    }
    misses = 0;
  }
  close();
  return runs;
}

/** Share of a run's columns without ink on its glyph rows, at least (a solid bar has none). */
const MIN_EMPTY_COLUMNS = 0.08;

/**
 * Whether columns [c0, c1) of `rows` hold ink that the `gapH` rows above and below do not: the
 * number of those columns without ink if so, else undefined.
 */
function windowInk(image: GreyImage, line: TextLine, rows: Rows, gapH: number, c0: number, c1: number, options: FaintInkOptions): number | undefined {
  const { data, width } = image;
  const dark = line.polarity === "dark";
  const n = c1 - c0;
  const hasAbove = rows.y0 - gapH >= 0;
  const hasBelow = rows.y1 + gapH <= image.height;
  const gaps = new Uint8Array(2 * gapH * n);
  let filled = 0;
  for (let r = 0; r < gapH; r++) {
    if (hasAbove) gaps.set(data.subarray((rows.y0 - gapH + r) * width + c0, (rows.y0 - gapH + r) * width + c1), filled++ * n);
  }
  const aboveEnd = filled * n;
  for (let r = 0; r < gapH; r++) {
    if (hasBelow) gaps.set(data.subarray((rows.y1 + r) * width + c0, (rows.y1 + r) * width + c1), filled++ * n);
  }
  const gapPixels = gaps.subarray(0, filled * n);
  // The ground nearest the ink level governs (the darker side for dark glyphs), so that text between
  // two grounds (noise above, bright anatomy below) is measured against the one it can be seen on.
  const sorted = gapPixels.slice().sort();
  const ground = sorted[Math.floor((dark ? 0.25 : 0.75) * sorted.length)];
  if ((dark ? ground - line.level : line.level - ground) < (options.minGroundContrast ?? 10)) return undefined;
  let above = 0;
  let below = 0;
  for (let i = 0; i < gapPixels.length; i++) {
    if (!isInk(gapPixels[i], line.level, ground, dark)) continue;
    if (i < aboveEnd) above++;
    else below++;
  }
  let ink = 0;
  let empty = 0;
  for (let c = c0; c < c1; c++) {
    let m = 0;
    for (let r = rows.y0; r < rows.y1; r++) if (isInk(data[r * width + c], line.level, ground, dark)) m++;
    ink += m;
    if (m === 0) empty++;
  }
  const band = ink / ((rows.y1 - rows.y0) * n);
  const gap = Math.max(above, below) / (gapH * n);
  return band >= (options.minInk ?? 0.15) && band >= (options.minInkRatio ?? 2.5) * gap + 0.05 ? empty : undefined;
}

/** A stack: lines of one polarity, level and glyph height, one above the other at a regular pitch, left edges aligned. */
interface Stack {
  lines: number[];
  pitch: number;
  h: number;
  x0: number;
  x1: number;
}

/** The stacks of two or more of the lines that pass `sure` (indices sorted top to bottom). */
function stacks(lines: readonly TextLine[], rowsOf: readonly (Rows | undefined)[], sure: (i: number) => boolean): Stack[] {
  const order = lines.map((_, i) => i).filter((i) => rowsOf[i] !== undefined && sure(i)).sort((a, b) => rowsOf[a]!.y0 - rowsOf[b]!.y0);
  const next = new Map<number, number>();
  const isNext = new Set<number>();
  for (const a of order) {
    const A = lines[a];
    const below = order.find((b) => {
      const B = lines[b];
      if (b === a || B.polarity !== A.polarity || Math.abs(B.level - A.level) > 12) return false;
      const h = Math.max(A.charHeight, B.charHeight);
      if (h > 1.4 * Math.min(A.charHeight, B.charHeight)) return false;
      const dy = rowsOf[b]!.y0 - rowsOf[a]!.y0;
      return dy >= 1.2 * h && dy <= 3.5 * h && Math.abs(B.box.x - A.box.x) <= 2 * h;
    });
    if (below !== undefined && !isNext.has(below)) {
      next.set(a, below);
      isNext.add(below);
    }
  }
  const out: Stack[] = [];
  for (const head of order.filter((i) => next.has(i) && !isNext.has(i))) {
    const chain = [head];
    while (next.has(chain[chain.length - 1])) chain.push(next.get(chain[chain.length - 1])!);
    const steps = chain.slice(1).map((b, k) => rowsOf[b]!.y0 - rowsOf[chain[k]]!.y0);
    const pitch = median(steps);
    if (steps.some((s) => Math.abs(s - pitch) > 0.25 * pitch)) continue;
    const boxes = chain.map((i) => lines[i].box);
    out.push({
      lines: chain,
      pitch,
      h: median(chain.map((i) => lines[i].charHeight)),
      x0: Math.min(...boxes.map((b) => b.x)),
      x1: Math.max(...boxes.map((b) => b.x + b.w)),
    });
  }
  return out;
}
