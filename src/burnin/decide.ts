// Decision: which detected text is PHI (recognizers), which cannot be read (fail-safe), which stays.
import { analyzeWords, DEFAULT_ALLOW_LIST, type PhiContext } from "../phi/index.js";
import type { Rect } from "../redact/index.js";
import type { FrameText, PixelMode, RedactionDecision } from "./types.js";

/** Options of `decideRedactions`. */
export interface DecideOptions {
  mode: PixelMode;
  /** This file's identifying values, from the original header. */
  context: PhiContext;
  /** Pixels added around each redacted word box (default: a quarter of the text height, at least 2). */
  padding?: number;
  /** A line whose words average below this confidence (0-100) counts as unreadable (default 55). */
  readableConfidence?: number;
  /** Redact text lines that could not be read confidently (default true in "phi" mode). */
  failSafe?: boolean;
  /** Unreadable lines with a text-likeness score below this are kept unless a flagged line is in their block (default 0.5). */
  minLineScore?: number;
  /**
   * "line" (default): a finding redacts the whole text line it lies in, so fragments OCR split
   * or misread next to a flagged word go too (labels on that line are burned-in text either
   * way); "words": only the finding's own words.
   */
  extent?: "line" | "words";
}

const union = (boxes: readonly Rect[]): Rect => {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
};
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
      const similar = Math.min(charHeights[a], charHeights[b]) / Math.max(charHeights[a], charHeights[b], 1) > 0.6;
      const gap = Math.max(A.y, B.y) - Math.min(A.y + A.h, B.y + B.h);
      const overlapX = Math.min(A.x + A.w, B.x + B.w) - Math.max(A.x, B.x) > 0 || Math.abs(A.x - B.x) <= h;
      const sameRow = gap < 0 && Math.max(A.x, B.x) - Math.min(A.x + A.w, B.x + B.w) <= 3 * h;
      if (similar && ((gap <= 2 * h && overlapX) || sameRow)) id[find(a)] = find(b);
    }
  }
  return boxes.map((_, i) => find(i));
}

/**
 * Lines that continue a flagged value wrapped onto the next lines: directly below (within a
 * line height), starting at or right of the value's left edge, and not a new "Label:" line.
 */
function continuations(text: FrameText, flagged: ReadonlySet<number>, value: Rect): number[] {
  const out: number[] = [];
  let last = [...flagged].map((i) => text.lines[i].box).sort((a, b) => b.y + b.h - (a.y + a.h))[0];
  if (!last) return out;
  for (let step = 0; step < 4; step++) {
    const h = last.h;
    const next = text.lines.findIndex((l, i) => !flagged.has(i) && !out.includes(i)
      && l.box.y >= last!.y + last!.h - h / 2 && l.box.y - (last!.y + last!.h) <= h
      && l.box.x >= value.x - h && l.box.x <= value.x + value.w);
    if (next < 0) break;
    const labelled = text.words.some((w) => w.line === next && /:$/.test(w.text));
    if (labelled) break;
    out.push(next);
    last = text.lines[next].box;
  }
  return out;
}

const grow = (b: Rect, p: number): Rect => ({ x: b.x - p, y: b.y - p, w: b.w + 2 * p, h: b.h + 2 * p });
const inside = (w: Rect, l: Rect): boolean => {
  const cx = w.x + w.w / 2;
  const cy = w.y + w.h / 2;
  return cx >= l.x && cx <= l.x + l.w && cy >= l.y && cy <= l.y + l.h;
};

/**
 * Decides what to redact in one frame. "all-text": every detected line. "phi": the words of
 * every PHI finding and the text line they lie in (recognizer, entity and score kept as the
 * reason), and, as a fail-safe,
 * every text line that could not be read with confidence (no words, or low confidence) unless
 * all it says is allow-listed clinical vocabulary: unreadable text is never assumed harmless.
 */
export function decideRedactions(text: FrameText, options: DecideOptions): RedactionDecision[] {
  if (options.mode === "off") return [];
  const out: RedactionDecision[] = [];
  const pad = (h: number) => options.padding ?? Math.max(2, Math.round(h / 4));
  if (options.mode === "all-text") {
    for (const l of text.lines) out.push({ frame: text.frame, box: grow(l.box, 1), reason: "all-text", score: 1 });
    for (const w of text.words) if (w.line === undefined) out.push({ frame: text.frame, box: grow(w.box, pad(w.box.h)), reason: "all-text", score: 1 });
    return out;
  }
  const words = text.words;
  const findings = analyzeWords(words.map((w) => ({ text: w.text, line: w.line ?? -1 - Math.round(w.box.y) })), options.context);
  const byLine = options.extent !== "words";
  for (const f of findings) {
    const boxes = f.words.map((i) => words[i].box);
    if (!boxes.length) continue;
    const b = union(boxes);
    out.push({ frame: text.frame, box: grow(b, pad(Math.min(...boxes.map((x) => x.h)))), reason: f.recognizer, entity: f.entity, score: f.score });
    if (byLine) {
      const lines = new Set(f.words.map((i) => words[i].line).filter((l): l is number => l !== undefined));
      for (const l of continuations(text, lines, b)) lines.add(l);
      for (const l of lines) out.push({ frame: text.frame, box: grow(text.lines[l].box, 1), reason: f.recognizer, entity: f.entity, score: f.score });
    }
  }
  if (options.failSafe !== false) {
    const minConf = options.readableConfidence ?? 55;
    const flagged = new Set<number>();
    for (const f of findings) for (const i of f.words) if (words[i].line !== undefined) flagged.add(words[i].line!);
    const unreadable: { i: number; conf: number }[] = [];
    text.lines.forEach((l, i) => {
      const ws = words.filter((w) => w.line === i || (w.line === undefined && inside(w.box, l.box)));
      const conf = ws.length ? ws.reduce((s, w) => s + w.confidence, 0) / ws.length : 0;
      // The OCR layer's own judgement (confidence and width covered) wins when it gives one.
      if (l.readable !== undefined ? l.readable : ws.length && conf >= minConf) return;
      if (ws.length && ws.every((w) => DEFAULT_ALLOW_LIST.hasWord(w.text))) return;
      unreadable.push({ i, conf });
    });
    // Burned-in text comes in blocks of stacked lines. An unreadable line is redacted when its
    // block holds a PHI finding or at least one other line; a lone unreadable line with no
    // flagged neighbour is more likely texture (anatomy, speckle) than text.
    const blocks = textBlocks(text.lines.map((l) => l.box), text.lines.map((l) => l.charHeight));
    for (const u of unreadable) {
      // A weakly text-like line (texture) alone in its block is not worth a redaction.
      const weak = (text.lines[u.i].score ?? 1) < (options.minLineScore ?? 0.5);
      const block = blocks[u.i];
      const members = blocks.filter((b) => b === block).length;
      const hasFinding = [...flagged].some((j) => blocks[j] === block);
      if (!hasFinding && (members < 2 || weak)) continue;
      out.push({ frame: text.frame, box: grow(text.lines[u.i].box, 1), reason: "unreadable-text", score: 1 - u.conf / 100 });
    }
  }
  return out;
}
