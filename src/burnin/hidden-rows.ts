/**
 * Rows of a redacted text stack drawn over ground of the text's own value. A block of labelled
 * rows ("Name:", "Age:", "DOB:" one below another at a regular pitch) may run on over a region
 * already at the ink's grey (light text over bone clipped to white, say): there a row leaves no
 * trace in the pixels, so neither OCR nor the faint-ink scan can find it, and an auditor who
 * knows the layout cannot tell whether a value is there. Where a stack of at least three
 * redacted rows is followed, a pitch further on, by a row's place that is flat at the stack's
 * ink level, that place is covered too, row after row while the ground stays so: covering a
 * flat region loses no image content, and the stack's next rows are the likeliest to hold the
 * rest of what its redacted rows held. The same goes for the unredacted end or start of a stack
 * row (a value that runs from visible ground onto ground of its ink's value), for glyphs at the
 * ink level just past a row's boxes (a last character the text scans stopped short of), for a
 * row below the stack whose glyphs at the ink level stand over textured ground the text scans
 * could not see them on, and for the glyph tops of a row cut by the image's edge. Stacks are
 * made of the decisions' boxes, except those of weak lines the fail-safe took (layout.ts
 * `weakLine`): texture beside a stack would bend its edge and pitch.
 */
import { overlapArea } from "../ocr/engine.js";
import { median } from "../ocr/line-candidates.js";
import type { Rendered } from "../pixels/render/index.js";
import type { Rect } from "../redact/index.js";
import { centreIn, sameRow, weakLine } from "./layout.js";
import type { FrameText, RedactionDecision } from "./types.js";

/** Options of `hiddenRowDecisions`. */
export interface HiddenRowOptions {
  /** Redacted rows a stack needs before its hidden rows are looked for. Default 3. */
  minRows?: number;
  /** Most hidden rows covered beyond each end of a stack. Default 2. */
  maxRows?: number;
  /** Share of a row's place at the ink level (within `tolerance`) that makes it hidden. Default 0.9. */
  minFlat?: number;
  /** Grey levels from the ink level a flat pixel may be. Default 2. */
  tolerance?: number;
  /**
   * Look for hidden rows above a stack's first row too. Default false: on the overlay benchmark
   * rows above a stack's first never held a value and cost 0.7 points of precision.
   */
  above?: boolean;
}

/** A row of redaction boxes: its left and right edges, top and height. */
interface Row {
  x0: number;
  x1: number;
  y: number;
  h: number;
}

/** A row as a box. */
const rowBox = (r: Row): Rect => ({ x: r.x0, y: r.y, w: r.x1 - r.x0, h: r.h });

/** A stack of rows: left-aligned, a regular pitch apart. */
interface Stack {
  rows: Row[];
  pitch: number;
}

/**
 * The decisions that cover the hidden rows of a frame's redacted stacks (reason "hidden-row"),
 * given the frame's decisions so far, its text (for the lines' ink level and polarity) and its
 * 8-bit grey rendering. Nothing for a colour rendering or a frame without a stack.
 */
export function hiddenRowDecisions(decisions: readonly RedactionDecision[], text: FrameText, rendering: Rendered, options: HiddenRowOptions = {}): RedactionDecision[] {
  if (rendering.channels !== 1 || decisions.length < (options.minRows ?? 3)) return [];
  const out: RedactionDecision[] = [];
  const tolerance = options.tolerance ?? 2;
  // A weak line the fail-safe took is no row of a stack: texture beside one would bend its edge and pitch.
  const rowBoxes = decisions.filter((d) => d.line === undefined || !weakLine(text.lines[d.line])).map((d) => d.box);
  for (const stack of stacksOf(rowsOf(rowBoxes), options.minRows ?? 3)) {
    const level = inkLevel(text, stack, rendering, tolerance);
    if (level === undefined) continue;
    // The stack's left edge: the lower quartile of its rows' (wrapped values start right of it, a row merged with texture left).
    const x0 = quartile(stack.rows.map((r) => r.x0));
    // A row's place: as wide as the stack's rows that start at its left edge (their median
    // width; an indented, wrapped value is no measure); a row below the stack, as wide as the
    // narrower of them (the lower quartile): the rows of a block of labels differ in width, and
    // a wider guess covers more ground (on overlay-phi the median there cost 0.2 points of
    // precision and hid no value more).
    const widths = stack.rows.filter((r) => r.x0 <= x0 + r.h).map((r) => r.x1 - r.x0);
    const w = median(widths);
    const below = quartile(widths);
    const h = median(stack.rows.map((r) => r.h));
    // The flat columns of a row's place from its left edge on (and glyphs showing past them, see
    // flatRun): fewer than two row heights of them are none.
    const flat = (b: Rect): Rect | undefined => {
      const run = flatRun(rendering, b, level, Math.round(h / 2), options);
      return run.flat >= 2 * h ? { ...b, w: run.end - b.x } : undefined;
    };
    const push = (b: Rect): void => { out.push({ frame: text.frame, box: b, reason: "hidden-row", score: 0.5 }); };
    // The stack's own rows: the rest of a row's place past its boxes, when flat at the ink level.
    for (const r of stack.rows) {
      const rest = flat({ x: r.x1, y: r.y, w: x0 + w - r.x1, h: r.h });
      if (rest) push(rest);
      else if (r.x0 > x0 + h) {
        // A row that starts right of the stack's edge over ground at the ink level: its start.
        const before = flat({ x: x0, y: r.y, w: r.x0 - x0, h: r.h });
        if (before) push({ ...before, w: r.x0 - x0 });
      } else {
        // Over visible ground, the glyphs at the ink level that run on from the row's boxes
        // (up to two row heights: a last character the scans stopped short of).
        const end = inkEnd(rendering, { x: r.x1, y: r.y, w: Math.min(x0 + w - r.x1, 2 * h), h: r.h }, level, Math.round(h / 4), tolerance, true);
        if (end !== undefined && end > r.x1 + 1) push({ x: r.x1, y: r.y, w: end - r.x1, h: r.h });
      }
    }
    // Below its last row (and above its first, if asked), one pitch after another while the
    // row's place is flat at the ink level or shows glyphs at it.
    const ends: [Row, number][] = [[stack.rows[stack.rows.length - 1], 1], ...(options.above ? [[stack.rows[0], -1] as [Row, number]] : [])];
    const top = rendering.offset.y;
    const bottom = top + rendering.height / (rendering.scale || 1);
    for (const [end, dir] of ends) {
      for (let k = 1; k <= (options.maxRows ?? 2); k++) {
        const y = Math.round(end.y + dir * k * stack.pitch);
        if (y >= bottom || y + h <= top) break;
        const place = { x: x0, y, w: below, h };
        const b = flat(place);
        if (b) {
          push(b);
          continue;
        }
        // Over ground that is not flat, glyphs at the ink level on the row's place (clear of its
        // top and bottom rows) from the stack's edge on, two row heights of them or more: a row
        // the text scans did not see (white text over bright, textured anatomy). A row OCR read
        // and the decision kept (clinical words under a block of PHI) stays.
        if (kept(text, decisions, { ...place, w })) break;
        const glyphs = inkEnd(rendering, { ...place, w }, level, Math.round(h / 2), tolerance, true);
        if (glyphs !== undefined && glyphs - x0 >= 2 * h) {
          push({ ...place, w: glyphs - x0 });
          continue;
        }
        // A row cut by the image's edge, less than half of it left, shows only the tops (or feet)
        // of its glyphs, too little for the faint-ink scan: they are covered where they run from
        // the stack's column. Gaps of three row heights are bridged: letters without ascenders
        // ("ge:" of "Age:") leave the tops of a row's label and value that far apart.
        const left = Math.min(bottom, y + h) - Math.max(top, y);
        const cut = left < h / 2 ? inkEnd(rendering, place, level, 3 * h, tolerance, false) : undefined;
        if (cut !== undefined) push({ ...place, w: cut - x0 });
        break;
      }
    }
  }
  return out;
}

/** True when a line OCR read with confidence has its middle in the box and no decision covers half of it (the decision kept its words). */
function kept(text: FrameText, decisions: readonly RedactionDecision[], b: Rect): boolean {
  return text.lines.some((l) => {
    if (l.readable !== true || !centreIn(l.box, b, "half-open")) return false;
    return !decisions.some((d) => overlapArea(d.box, l.box) >= 0.5 * l.box.w * l.box.h);
  });
}

/** Redaction boxes grouped into rows (boxes much taller than the usual one, spanning rows, left out). */
function rowsOf(boxes: readonly Rect[]): Row[] {
  const h = median(boxes.map((b) => b.h));
  const rows: Row[] = [];
  // The same box decided for several reasons counts once.
  const unique = [...new Map(boxes.map((b) => [`${b.x},${b.y},${b.w},${b.h}`, b])).values()];
  for (const b of unique.filter((b) => b.h <= 1.6 * h).sort((a, c) => a.y - c.y)) {
    const row = rows.find((r) => sameRow(rowBox(r), b));
    if (!row) rows.push({ x0: b.x, x1: b.x + b.w, y: b.y, h: b.h });
    else {
      row.x0 = Math.min(row.x0, b.x);
      row.x1 = Math.max(row.x1, b.x + b.w);
    }
  }
  return rows.sort((a, b) => a.y - b.y);
}

/**
 * Rows of one column: left edges within a row height, or sharing half the narrower one's width
 * (a row whose label was not found starts at its value).
 */
function columnMates(a: Row, b: Row): boolean {
  const shared = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  return Math.abs(a.x0 - b.x0) <= Math.max(a.h, b.h) || shared >= 0.5 * Math.min(a.x1 - a.x0, b.x1 - b.x0);
}

/** Stacks of `minRows` rows or more: each row below the last in its column (see columnMates), one pitch (within a quarter) apart. */
function stacksOf(rows: readonly Row[], minRows: number): Stack[] {
  const out: Stack[] = [];
  const used = new Set<Row>();
  for (const head of rows) {
    if (used.has(head)) continue;
    const chain = [head];
    let pitch = 0;
    for (;;) {
      const last = chain[chain.length - 1];
      // The nearest row below in the column (of the last row, or of the first when the last is
      // indented: a wrapped value); from the second on, at the pitch the first two set.
      const next = rows.find((r) => !used.has(r) && r.y - last.y >= 0.5 * last.h && r.y - last.y <= 2.5 * last.h && (columnMates(r, last) || (last.x0 > chain[0].x0 + last.h && columnMates(r, chain[0]))));
      if (!next || (pitch > 0 && Math.abs(next.y - last.y - pitch) > 0.25 * pitch)) break;
      if (pitch === 0) pitch = next.y - last.y;
      chain.push(next);
    }
    if (chain.length < minRows) continue;
    for (const r of chain) used.add(r);
    const steps = chain.slice(1).map((r, k) => r.y - chain[k].y);
    out.push({ rows: chain, pitch: median(steps) });
  }
  return out;
}

/**
 * The grey level the stack's text is drawn at: the median level of the detected lines on its rows
 * (of the polarity two thirds of them have, at least), counting only lines whose level the
 * rendering bears out (a line found in another rendering, an inverted or colour one, may not).
 */
function inkLevel(text: FrameText, stack: Stack, rendering: Rendered, tolerance: number): number | undefined {
  const on = text.lines.filter((l) => l.level !== undefined && !l.faint && stack.rows.some((r) => sameRow(rowBox(r), l.box) && l.box.x < r.x1 && l.box.x + l.box.w > r.x0));
  const shown = on.filter((l) => bearsOut(rendering, l.box, l.level!, l.polarity === "dark", tolerance));
  const bright = shown.filter((l) => l.polarity === "bright");
  const most = 2 * bright.length > shown.length ? bright : shown.filter((l) => l.polarity !== "bright");
  return most.length && 3 * most.length >= 2 * shown.length ? median(most.map((l) => l.level!)) : undefined;
}

/** True when a line's glyph level is drawn in the rendering within its box: some pixels at it (3 %), next to none beyond it (2 %). */
function bearsOut(r: Rendered, box: Rect, level: number, dark: boolean, tolerance: number): boolean {
  const c = inRendering(r, box);
  if (!c) return false;
  const { x0, y0, x1, y1 } = c;
  let at = 0;
  let beyond = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const d = r.data[y * r.width + x] - level;
      if (Math.abs(d) <= tolerance) at++;
      else if (dark ? d < 0 : d > 0) beyond++;
    }
  }
  const n = (x1 - x0) * (y1 - y0);
  return at >= 0.03 * n && beyond <= 0.02 * n;
}

/**
 * The run of columns of a frame box, from its left edge, whose rendered pixels are `minFlat` or
 * more within `tolerance` of `level`: `flat`, how many such columns it holds (frame pixels; 0
 * for a box outside the rendering; a speck or a glyph showing in a notch of darker ground
 * interrupts it without ending it), and `end`, the frame column where the text that may run on
 * out of it onto ground it can be seen on ends: past the last column holding a pixel at the
 * ink level, with gaps of at most `gap` columns.
 */
function flatRun(r: Rendered, b: Rect, level: number, gap: number, options: HiddenRowOptions): { flat: number; end: number } {
  const s = r.scale || 1;
  // A row cut by the image's edge is judged by the part of it left.
  const c = inRendering(r, b);
  if (!c) return { flat: 0, end: 0 };
  const { x0, y0, x1, y1 } = c;
  const tolerance = options.tolerance ?? 2;
  const need = (options.minFlat ?? 0.9) * (y1 - y0);
  const atLevel = (x: number): number => {
    let n = 0;
    for (let y = y0; y < y1; y++) if (Math.abs(r.data[y * r.width + x] - level) <= tolerance) n++;
    return n;
  };
  // The run may start a little way in (a speck of anatomy at the row's left edge).
  let x = x0;
  const skip = Math.min(x1, x0 + gap * s);
  while (x < skip && atLevel(x) < need) x++;
  if (x >= x1 || atLevel(x) < need) x = x0;
  while (x < x1 && atLevel(x) >= need) x++;
  let flat = x - x0;
  // Past it, the text may show in part (a glyph over a notch of darker ground) and go on over
  // flat ground again: columns with some ink-level pixels carry the run on for up to `4 * gap`
  // columns (two row heights) after the last flat column, flat columns for as long as they last.
  let end = x;
  let lastFlat = x;
  for (let empty = 0; x < x1 && empty <= gap * s && x - lastFlat <= 4 * gap * s; x++) {
    const n = atLevel(x);
    if (n >= need) {
      lastFlat = x + 1;
      flat++;
    }
    if (n > 0) {
      end = x + 1;
      empty = 0;
    } else empty++;
  }
  return { flat: Math.floor(flat / s), end: r.offset.x + Math.floor(end / s) };
}

/**
 * The frame column where the pieces at the ink level that run on from a box's left edge end:
 * columns holding a pixel at the ink level (with `glyphs`, between the box's top and bottom
 * rows and with both of them clear of it: a glyph, not an edge or a bar), starting within `gap`
 * columns of the edge, gaps of up to `gap` columns bridged; undefined when there are none.
 */
function inkEnd(r: Rendered, b: Rect, level: number, gap: number, tolerance: number, glyphs: boolean): number | undefined {
  const s = r.scale || 1;
  const c = inRendering(r, b);
  if (!c || (glyphs && c.y1 - c.y0 < 3)) return undefined;
  const at = (x: number, y: number): boolean => Math.abs(r.data[y * r.width + x] - level) <= tolerance;
  const [from, to] = glyphs ? [c.y0 + 1, c.y1 - 1] : [c.y0, c.y1];
  let end = -1;
  for (let x = c.x0, empty = 0; x < c.x1 && empty <= gap * s; x++) {
    let ink = false;
    for (let y = from; y < to && !ink; y++) ink = at(x, y);
    if (ink && (!glyphs || (!at(x, c.y0) && !at(x, c.y1 - 1)))) {
      end = x + 1;
      empty = 0;
    } else empty++;
  }
  return end < 0 ? undefined : r.offset.x + Math.floor(end / s);
}

/** A frame box in a rendering's pixels, cut to the rendering: columns [x0, x1), rows [y0, y1); undefined when nothing is left. */
function inRendering(r: Rendered, b: Rect): { x0: number; y0: number; x1: number; y1: number } | undefined {
  const s = r.scale || 1;
  const x0 = Math.max(0, Math.round((b.x - r.offset.x) * s));
  const y0 = Math.max(0, Math.round((b.y - r.offset.y) * s));
  const x1 = Math.min(r.width, Math.round((b.x + b.w - r.offset.x) * s));
  const y1 = Math.min(r.height, Math.round((b.y + b.h - r.offset.y) * s));
  return x1 > x0 && y1 > y0 ? { x0, y0, x1, y1 } : undefined;
}

/** The lower quartile of some numbers (0 for none). */
function quartile(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 4)] : 0;
}
