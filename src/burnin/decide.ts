// Decision: which detected text is PHI (recognizers), which cannot be read (fail-safe), which stays.
import { analyzeWords, DEFAULT_ALLOW_LIST, BARE_AGE_SCORE, labelledLines, unreadDateRemainder, unreadRemainder, wholeHeaderValue, type PhiContext, type WordFinding } from "../phi/index.js";
import type { Rect } from "../redact/index.js";
import type { FrameText, PixelMode, RedactionDecision } from "./types.js";
import { continuations, grow, inside, overlapsX, partialEdgeRows, readFairlyWell, redactionBoxes, rowGaps, rowMates, sameRow, stackGaps, textBlocks, union, weakLine } from "./layout.js";
import { marginExtended, marginTrimmed } from "./margin.js";

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

/** What the stages of one frame's decision share. */
interface FrameContext {
  text: FrameText;
  options: DecideOptions;
  /** The box each line is redacted with (see redactionBoxes), extended to or trimmed at its stack's left margin (see margin.ts). */
  lineBoxes: Rect[];
  /** Block id of each line (see textBlocks). */
  blocks: number[];
  byLine: boolean;
  /** Pieces of a flagged row join it unless OCR read them confidently (clinical fields beside a date stay). */
  unsure: (line: number) => boolean;
  out: RedactionDecision[];
}

const analysed = (text: FrameText) => text.words.map((w) => ({ text: w.text, line: w.line ?? -1 - Math.round(w.box.y) }));

/**
 * One finding: its words' box; with "line" extent also its line and the row's other pieces, its
 * wrapped continuation (a paragraph, redacted across its full width), and the estimated width of
 * the unread rest of a value read only in part (to the right only when the value does not go on below).
 */
function findingDecisions(c: FrameContext, f: WordFinding): void {
  const { text, options, out, lineBoxes, byLine } = c;
  const words = text.words;
  const boxes = f.words.map((i) => words[i].box);
  if (!boxes.length) return;
  const b = union(boxes);
  const push = (box: Rect): void => { out.push({ frame: text.frame, box: grow(box, 1), reason: f.recognizer, entity: f.entity, score: f.score }); };
  // Words inside detected lines are covered by their line (grown by 1); a wide pad would only spill out.
  const inLines = byLine && f.words.every((i) => words[i].line !== undefined);
  const pad = options.padding ?? Math.max(2, Math.round(Math.min(...boxes.map((x) => x.h)) / 4));
  out.push({ frame: text.frame, box: grow(b, inLines ? 1 : pad), reason: f.recognizer, entity: f.entity, score: f.score });
  const lines = new Set(f.words.map((i) => words[i].line).filter((l): l is number => l !== undefined));
  if (byLine) for (const l of [...lines]) for (const m of rowMates(text.lines, l, c.unsure)) lines.add(m);
  const read = f.words.map((i) => words[i].text).join(" ");
  // A header value read whole does not go on below: a line under it is another field.
  const wrapped = byLine && !wholeHeaderValue(read, options.context) ? continuations(text, lines, b) : [];
  const rest = !byLine ? undefined : EXTENDABLE.has(f.entity) ? unreadRemainder(read, options.context) : f.entity === "DATE" ? unreadDateRemainder(read, options.context) : undefined;
  if (rest) {
    const chars = f.words.reduce((n, i) => n + words[i].text.replace(/\s/g, "").length, 0) + f.words.length - 1;
    const cw = b.w / Math.max(1, chars);
    const x0 = Math.round(b.x - Math.min(rest.before, MAX_REST) * cw);
    const x1 = Math.round(b.x + b.w + (wrapped.length ? 0 : Math.min(rest.after, MAX_REST) * cw));
    push({ x: x0, y: b.y, w: x1 - x0, h: b.h });
  }
  if (!byLine) return;
  for (const l of lines) push(lineBoxes[l]);
  const valueLines = [...new Set([...f.words.map((i) => words[i].line), ...wrapped])].filter((l): l is number => l !== undefined);
  if (valueLines.length < 2) {
    for (const l of wrapped) push(lineBoxes[l]);
    return;
  }
  const para = union([b, ...wrapped.map((l) => text.lines[l].box)]);
  const top = Math.min(...valueLines.map((l) => text.lines[l].box.y));
  for (const l of valueLines) {
    const lb = text.lines[l].box;
    if (lb.y !== top) push({ x: para.x, y: lb.y, w: para.w, h: lb.h });
  }
}

/**
 * Label cues. A line that opens with a PHI label ("Age:", "DOB") whose value OCR garbled or
 * missed: the value's place is the rest of that row. Taken when the label is marked and something
 * unknown follows it, or when the label stands in a block that already holds a finding; words
 * after the label that are all clinical vocabulary keep the line. Returns the lines taken.
 */
function cueDecisions(c: FrameContext, flagged: ReadonlySet<number>, blockHasFinding: (i: number) => boolean): Set<number> {
  const { text, out, lineBoxes } = c;
  const cued = new Set<number>();
  for (const ll of labelledLines(analysed(text))) {
    if (ll.line < 0 || ll.line >= text.lines.length || flagged.has(ll.line)) continue;
    const take = ll.valueWords.length > 0 ? ll.marked || blockHasFinding(ll.line) : ll.allowedAfter === 0 && blockHasFinding(ll.line);
    if (!take) continue;
    cued.add(ll.line);
    for (const m of rowMates(text.lines, ll.line, c.unsure)) {
      out.push({ frame: text.frame, box: grow(lineBoxes[m], 1), reason: "label-cue", entity: ll.entity, score: 0.6 });
    }
  }
  return cued;
}

/**
 * Rows lost between redacted lines of a stack (see stackGaps), and gaps inside a row between two
 * redacted pieces of it (see rowGaps): lines with a finding, a label cue or taken by the
 * fail-safe alike, since a stack of text rows is regular whatever each row says.
 */
function gapDecisions(c: FrameContext, redacted: ReadonlySet<number>): void {
  for (const gap of stackGaps(c.text.lines, c.blocks, redacted, c.lineBoxes)) {
    c.out.push({ frame: c.text.frame, box: grow(gap, 1), reason: "stack-gap", score: 0.5 });
  }
  for (const gap of rowGaps(c.text.lines, redacted, c.lineBoxes)) c.out.push({ frame: c.text.frame, box: grow(gap, 1), reason: "row-gap", score: 0.5 });
}

/**
 * The fail-safe: text lines that could not be read with confidence. Burned-in text comes in
 * blocks of stacked lines: an unreadable line is redacted when its block holds a PHI finding or
 * at least one other line and it looks like text; a lone unreadable line with no flagged
 * neighbour is more likely texture (anatomy, speckle). A frame where detection sees unreadable
 * "lines" everywhere is textured (speckle, trabecular bone, film grain): there, stacks of them are
 * texture too, and only strongly text-like ones (or those in a block with a finding, or in a
 * column of three left-aligned rows, one below another) are redacted. A weak line directly above
 * or below a taken line of a block with three taken is a row of that stack too. Faint pieces
 * (ocr/faint-ink.ts) count as no other line of a block, and need two detected lines in theirs,
 * or one that is surely text. Returns the lines taken.
 */
function failSafeDecisions(c: FrameContext, blockHasFinding: (i: number) => boolean): Set<number> {
  const taken = new Set<number>();
  const { text, options, out, lineBoxes, blocks } = c;
  const take = (u: { i: number; conf: number }): void => {
    // A faint piece (found beside detected text over ground of nearly its ink's grey) says so.
    const reason = text.lines[u.i].faint === true ? "faint-text" : "unreadable-text";
    out.push({ frame: text.frame, box: grow(lineBoxes[u.i], 1), reason, score: 1 - u.conf / 100, line: u.i });
    taken.add(u.i);
  };
  const minConf = options.readableConfidence ?? 55;
  // Clinical vocabulary stays; but a short allowed word read from a smudge ("ww", "tm") does not vouch for the line.
  const vouches = (w: { text: string; confidence: number }) => DEFAULT_ALLOW_LIST.hasWord(w.text) && (w.text.length > 2 || w.confidence >= SHORT_ALLOWED_CONFIDENCE);
  const unreadable: { i: number; conf: number }[] = [];
  text.lines.forEach((l, i) => {
    const ws = text.words.filter((w) => w.line === i || (w.line === undefined && inside(w.box, l.box)));
    const conf = ws.length ? ws.reduce((s, w) => s + w.confidence, 0) / ws.length : 0;
    // The OCR layer's own judgement (confidence and width covered) wins when it gives one.
    if (l.readable !== undefined ? l.readable : ws.length && conf >= minConf) return;
    if (ws.length && ws.every(vouches)) return;
    unreadable.push({ i, conf });
  });
  const textured = unreadable.length >= TEXTURED_LINES && unreadable.length >= 0.7 * text.lines.length;
  const baseScore = options.minLineScore ?? 0.5;
  // Texture does not line up: a line with two others of its block starting at its left edge is a
  // column of text (a panel of labels), judged as in any frame.
  const column = (i: number): boolean => {
    const b = text.lines[i].box;
    // Rows of a column lie one below another: blobs overlapping by half their height make one row, not two.
    const rows: Rect[] = [b];
    text.lines.forEach((l, j) => {
      if (j !== i && blocks[j] === blocks[i] && Math.abs(l.box.x - b.x) <= Math.max(l.box.h, b.h) && !rows.some((r) => sameRow(r, l.box))) rows.push(l.box);
    });
    return rows.length >= 3;
  };
  for (const u of unreadable) {
    const minScore = textured && !column(u.i) ? TEXTURED_MIN_SCORE : baseScore;
    const weak = (text.lines[u.i].score ?? 1) < minScore;
    // Faint pieces (found beside detected lines) make no block: they count for no line, and one
    // is taken only with two detected lines in its block, or one that is surely text, so a piece
    // beside a lone line of texture stays with it.
    const detected = blocks.map((_, j) => j).filter((j) => blocks[j] === blocks[u.i] && j !== u.i && text.lines[j].faint !== true);
    const needed = text.lines[u.i].faint !== true ? 1 : detected.some((j) => (text.lines[j].score ?? 0) >= SURE_TEXT) ? 1 : 2;
    if (!blockHasFinding(u.i) && (detected.length < needed || weak)) continue;
    take(u);
  }
  // The first or last row of a stack of unreadable text, seen poorly by detection (a weak line):
  // taken when it lies directly above or below a line taken above, in a block with STACK_ROWS
  // taken (rows taken here do not vouch for more, so no chain runs down a column of texture).
  const stack = [...taken];
  for (const u of unreadable) {
    if (taken.has(u.i) || stack.filter((j) => blocks[j] === blocks[u.i]).length < STACK_ROWS) continue;
    const b = text.lines[u.i].box;
    const stacked = stack.some((j) => {
      const o = text.lines[j].box;
      return blocks[j] === blocks[u.i] && !sameRow(o, b) && Math.abs(o.y - b.y) <= 2 * Math.max(o.h, b.h) && overlapsX(o, b);
    });
    if (stacked) take(u);
  }
  return taken;
}

/**
 * Whether a fail-safe piece at a stack's top or bottom is part of a row seen only in part
 * (layout.ts `partialEdgeRows`): a faint-ink piece (it continues a row of the stack), or a line
 * detection took for text with some certainty that OCR did not read fairly well. A weak line over
 * texture next to a stack shows no row; a line read fairly well ("Age: 67" at 70) is its whole row.
 */
function partOfRow(text: FrameText, i: number): boolean {
  return text.lines[i].faint === true || (!weakLine(text.lines[i]) && !readFairlyWell(text, i));
}

/** Text-likeness from which a detected line is surely text: a faint piece beside it alone is taken. */
const SURE_TEXT = 0.9;

/** Taken lines a block needs before a weak line above or below one of them is taken as a row of the stack. */
const STACK_ROWS = 3;

/**
 * The patient's age read as a bare number ("67") on an unflagged line of a block that holds a
 * finding: its "Age:" label was lost (drawn on a band of its own grey), and the header's age
 * alone is too weak a match elsewhere.
 */
function bareAges(text: FrameText, context: PhiContext, flagged: ReadonlySet<number>, blockHasFinding: (i: number) => boolean): WordFinding[] {
  if (!flagged.size || !(context.ages ?? []).length) return [];
  // Only unflagged lines of blocks with a finding can hold one: most frames have none, and skip the second pass.
  if (!text.lines.some((_, l) => !flagged.has(l) && blockHasFinding(l))) return [];
  const weak = analyzeWords(analysed(text), context, { recognizers: ["header"], entities: ["AGE"], minScore: BARE_AGE_SCORE });
  return weak.filter((f) => f.words.length > 0 && f.words.every((i) => {
    const l = text.words[i].line;
    return l !== undefined && !flagged.has(l) && blockHasFinding(l);
  }));
}

/**
 * Decides what to redact in one frame. "all-text": every detected line. "phi": the words of
 * every PHI finding and the text line they lie in (recognizer, entity and score kept as the
 * reason), label cues and stack gaps (layout.ts), and, as a fail-safe, every text line that
 * could not be read with confidence unless all it says is allow-listed clinical vocabulary:
 * unreadable text is never assumed harmless.
 */
export function decideRedactions(text: FrameText, options: DecideOptions): RedactionDecision[] {
  if (options.mode === "off") return [];
  const out: RedactionDecision[] = [];
  if (options.mode === "all-text") {
    const pad = (h: number) => options.padding ?? Math.max(2, Math.round(h / 4));
    for (const l of text.lines) out.push({ frame: text.frame, box: grow(l.box, 1), reason: "all-text", score: 1 });
    for (const w of text.words) if (w.line === undefined) out.push({ frame: text.frame, box: grow(w.box, pad(w.box.h)), reason: "all-text", score: 1 });
    return out;
  }
  const blocks = textBlocks(text.lines.map((l) => l.box), text.lines.map((l) => l.charHeight));
  const c: FrameContext = {
    text,
    options,
    lineBoxes: marginTrimmed(text, marginExtended(text, redactionBoxes(text), blocks), blocks),
    blocks,
    byLine: options.extent !== "words",
    unsure: (j) => text.lines[j].readable !== true,
    out,
  };
  const findings = analyzeWords(analysed(text), options.context);
  for (const f of findings) findingDecisions(c, f);
  const flagged = new Set<number>();
  for (const f of findings) for (const i of f.words) if (text.words[i].line !== undefined) flagged.add(text.words[i].line!);
  const blockHasFinding = (i: number): boolean => [...flagged].some((j) => c.blocks[j] === c.blocks[i]);
  for (const f of bareAges(text, options.context, flagged, blockHasFinding)) {
    findingDecisions(c, f);
    for (const i of f.words) flagged.add(text.words[i].line!);
  }
  const cued = c.byLine ? cueDecisions(c, flagged, blockHasFinding) : new Set<number>();
  const unread = options.failSafe !== false ? failSafeDecisions(c, blockHasFinding) : new Set<number>();
  if (c.byLine) {
    gapDecisions(c, new Set([...flagged, ...cued, ...unread]));
    for (const row of partialEdgeRows(c.lineBoxes, blocks, unread, flagged, { widenable: (i) => partOfRow(text, i) })) out.push({ frame: text.frame, box: grow(row, 1), reason: "unreadable-text", score: 0.5 });
  }
  return out;
}
