// Typed hand-offs of the burned-in text stage: detected text -> decisions -> rectangles.
import type { Rect } from "../redact/index.js";

/** How burned-in text is handled: only PHI, every piece of text, or not at all. */
export type PixelMode = "phi" | "all-text" | "off";

/** One OCR word in frame pixel coordinates. */
export interface FrameWord {
  text: string;
  confidence: number;
  box: Rect;
  /** Index of the text line (region) the word lies in, when known. */
  line?: number;
}

/** One detected text line in frame pixel coordinates. */
export interface FrameLine {
  box: Rect;
  charHeight: number;
  /** The OCR read the line with confidence (mean confidence and width covered by words); undefined when unknown. */
  readable?: boolean;
  /** Text-likeness of the line, 0-1; undefined when unknown. */
  score?: number;
  /** A piece of a row or stack over ground of nearly its ink's grey, not read by OCR (ocr/faint-ink.ts). */
  faint?: boolean;
  /**
   * Grey level of the glyphs in the 8-bit rendering the line was found in (the frame's grey; for
   * a colour frame's fallback, its brightest channel), and whether they are lighter or darker
   * than their ground; undefined when unknown.
   */
  level?: number;
  polarity?: "bright" | "dark";
}

/** What detection found in one frame. */
export interface FrameText {
  frame: number;
  words: FrameWord[];
  lines: FrameLine[];
}

/** Why a rectangle is redacted: a recognizer's finding, unreadable text, or all-text mode. */
export interface RedactionDecision {
  frame: number;
  box: Rect;
  /** Recognizer name ("header-values", "date-pattern", ...), "label-cue", "stack-gap", "row-gap", "unreadable-text", "faint-text", "hidden-row" (see hidden-rows.ts) or "all-text". */
  reason: string;
  /** Entity kind of a finding (PERSON, DATE, ID...), when a recognizer decided. */
  entity?: string;
  score: number;
  /** The text line (index into `FrameText.lines`) a fail-safe decision redacts whole. */
  line?: number;
}
