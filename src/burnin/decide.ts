// Decision: which detected text is PHI (recognizers), which cannot be read (fail-safe), which stays.
import { analyzeWords, DEFAULT_ALLOW_LIST, labelledLines, unreadDateRemainder, unreadRemainder, type PhiContext } from "../phi/index.js";
import type { FrameText, PixelMode, RedactionDecision } from "./types.js";
import { continuations, grow, inside, redactionBoxes, rowMates, stackGaps, textBlocks, union } from "./layout.js";

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

/** Entities whose header value may be read only in part and extended to its full width. */
const EXTENDABLE = new Set(["PERSON", "ID", "INSTITUTION", "ADDRESS"]);
/** Longest unread remainder (characters) a partial reading is extended by. */
const MAX_REST = 40;

/** Unreadable lines in a frame from which on (and at least 70% of its lines) the frame counts as textured. */
const TEXTURED_LINES = 20;
/** Text-likeness an unreadable line of a textured frame needs to be redacted outside a block with a finding. */
const TEXTURED_MIN_SCORE = 0.8;

/** A short (1-2 letter) allow-listed word keeps an unreadable line only when read at least this confidently (0-100). */
const SHORT_ALLOWED_CONFIDENCE = 50;

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
  const lineBoxes = redactionBoxes(text);
  const findings = analyzeWords(words.map((w) => ({ text: w.text, line: w.line ?? -1 - Math.round(w.box.y) })), options.context);
  const byLine = options.extent !== "words";
  // Pieces of a flagged row join it unless OCR read them confidently (clinical fields beside a date stay).
  const unsure = (j: number): boolean => text.lines[j].readable !== true;
  for (const f of findings) {
    const boxes = f.words.map((i) => words[i].box);
    if (!boxes.length) continue;
    const b = union(boxes);
    // Words inside detected lines are covered by their line (grown by 1); a wide pad would only spill out.
    const inLines = byLine && f.words.every((i) => words[i].line !== undefined);
    out.push({ frame: text.frame, box: grow(b, inLines ? 1 : pad(Math.min(...boxes.map((x) => x.h)))), reason: f.recognizer, entity: f.entity, score: f.score });
    const lines = new Set(f.words.map((i) => words[i].line).filter((l): l is number => l !== undefined));
    if (byLine) for (const l of [...lines]) for (const m of rowMates(text.lines, l, unsure)) lines.add(m);
    const wrapped = byLine ? continuations(text, lines, b) : [];
    // Part of a known value read (the rest faint or on a saturated band): redact the rest's estimated width too
    // (to the right only when the value does not go on below).
    const read = f.words.map((i) => words[i].text).join(" ");
    const rest = EXTENDABLE.has(f.entity) ? unreadRemainder(read, options.context) : f.entity === "DATE" ? unreadDateRemainder(read, options.context) : undefined;
    if (rest) {
      const chars = f.words.reduce((n, i) => n + words[i].text.replace(/\s/g, "").length, 0) + f.words.length - 1;
      const cw = b.w / Math.max(1, chars);
      const x0 = Math.round(b.x - Math.min(rest.before, MAX_REST) * cw);
      const x1 = Math.round(b.x + b.w + (wrapped.length ? 0 : Math.min(rest.after, MAX_REST) * cw));
      out.push({ frame: text.frame, box: grow({ x: x0, y: b.y, w: x1 - x0, h: b.h }, 1), reason: f.recognizer, entity: f.entity, score: f.score });
    }
    if (byLine) {
      for (const l of lines) out.push({ frame: text.frame, box: grow(lineBoxes[l], 1), reason: f.recognizer, entity: f.entity, score: f.score });
      // A value wrapped over lines is a paragraph: its lines below the first are redacted across its full width.
      const valueLines = [...new Set([...f.words.map((i) => words[i].line), ...wrapped])].filter((l): l is number => l !== undefined);
      if (valueLines.length > 1) {
        const para = union([b, ...wrapped.map((l) => text.lines[l].box)]);
        const top = Math.min(...valueLines.map((l) => text.lines[l].box.y));
        for (const l of [...valueLines, ...wrapped]) {
          const lb = text.lines[l].box;
          if (lb.y === top) continue;
          out.push({ frame: text.frame, box: grow({ x: para.x, y: lb.y, w: para.w, h: lb.h }, 1), reason: f.recognizer, entity: f.entity, score: f.score });
        }
      } else {
        for (const l of wrapped) out.push({ frame: text.frame, box: grow(lineBoxes[l], 1), reason: f.recognizer, entity: f.entity, score: f.score });
      }
    }
  }
  const blocks = textBlocks(text.lines.map((l) => l.box), text.lines.map((l) => l.charHeight));
  const flagged = new Set<number>();
  for (const f of findings) for (const i of f.words) if (words[i].line !== undefined) flagged.add(words[i].line!);
  const blockHasFinding = (i: number): boolean => [...flagged].some((j) => blocks[j] === blocks[i]);
  if (byLine) {
    // A line that opens with a PHI label ("Age:", "DOB") whose value OCR garbled or missed: the
    // value's place is the rest of that row. Taken when the label is marked and something
    // unknown follows it, or when the label stands in a block that already holds a finding.
    // Words after the label that are all clinical vocabulary keep the line.
    const cued = new Set<number>();
    const labelled = labelledLines(words.map((w) => ({ text: w.text, line: w.line ?? -1 - Math.round(w.box.y) })));
    for (const ll of labelled) {
      if (ll.line < 0 || ll.line >= text.lines.length || flagged.has(ll.line)) continue;
      const take = ll.valueWords.length > 0 ? ll.marked || blockHasFinding(ll.line) : ll.allowedAfter === 0 && blockHasFinding(ll.line);
      if (!take) continue;
      cued.add(ll.line);
      for (const m of rowMates(text.lines, ll.line, unsure)) {
        out.push({ frame: text.frame, box: grow(lineBoxes[m], 1), reason: "label-cue", entity: ll.entity, score: 0.6 });
      }
    }
    for (const gap of stackGaps(text.lines, blocks, new Set([...flagged, ...cued]))) {
      out.push({ frame: text.frame, box: grow(gap, 1), reason: "stack-gap", score: 0.5 });
    }
  }
  if (options.failSafe !== false) {
    const minConf = options.readableConfidence ?? 55;
    const unreadable: { i: number; conf: number }[] = [];
    text.lines.forEach((l, i) => {
      const ws = words.filter((w) => w.line === i || (w.line === undefined && inside(w.box, l.box)));
      const conf = ws.length ? ws.reduce((s, w) => s + w.confidence, 0) / ws.length : 0;
      // The OCR layer's own judgement (confidence and width covered) wins when it gives one.
      if (l.readable !== undefined ? l.readable : ws.length && conf >= minConf) return;
      // Clinical vocabulary stays; but a short allowed word read from a smudge ("ww", "tm") does not vouch for the line.
      const vouches = (w: { text: string; confidence: number }) => DEFAULT_ALLOW_LIST.hasWord(w.text) && (w.text.length > 2 || w.confidence >= SHORT_ALLOWED_CONFIDENCE);
      if (ws.length && ws.every(vouches)) return;
      unreadable.push({ i, conf });
    });
    // Burned-in text comes in blocks of stacked lines. An unreadable line is redacted when its
    // block holds a PHI finding or at least one other line; a lone unreadable line with no
    // flagged neighbour is more likely texture (anatomy, speckle) than text.
    // A frame where detection sees unreadable "lines" everywhere is textured (speckle, trabecular
    // bone, film grain): there, stacks of them are texture too, and only strongly text-like ones
    // (or those in a block with a finding) are redacted.
    const textured = unreadable.length >= TEXTURED_LINES && unreadable.length >= 0.7 * text.lines.length;
    const minScore = textured ? TEXTURED_MIN_SCORE : options.minLineScore ?? 0.5;
    for (const u of unreadable) {
      // A weakly text-like line (texture) alone in its block is not worth a redaction.
      const weak = (text.lines[u.i].score ?? 1) < minScore;
      const block = blocks[u.i];
      const members = blocks.filter((b) => b === block).length;
      const hasFinding = blockHasFinding(u.i);
      if (!hasFinding && (members < 2 || weak)) continue;
      out.push({ frame: text.frame, box: grow(lineBoxes[u.i], 1), reason: "unreadable-text", score: 1 - u.conf / 100 });
    }
  }
  return out;
}
