// Typed hand-offs of the text-PHI detector: entity kinds, findings, recognizer contract.
import type { PhiContext } from "./context.js";
import type { AllowList } from "./allow-list.js";
import type { TextView } from "./text-view.js";

/** Kinds of identifying information a recognizer can report. */
export type EntityType =
  | "PERSON"
  | "DATE"
  | "TIME"
  | "ID"
  | "AGE"
  | "PHONE"
  | "EMAIL"
  | "ADDRESS"
  | "INSTITUTION"
  | "SEX"
  | "URL"
  | "OTHER";

/** Every entity kind, for iteration and validation. */
export const ENTITY_TYPES: readonly EntityType[] = [
  "PERSON", "DATE", "TIME", "ID", "AGE", "PHONE", "EMAIL", "ADDRESS", "INSTITUTION", "SEX", "URL", "OTHER",
];

/** One detected span: what, where (UTF-16 offsets in the analysed text), how sure, who and why (never the value). */
export interface Finding {
  entity: EntityType;
  start: number;
  end: number;
  score: number;
  recognizer: string;
  explanation: string;
}

/** A finding over OCR words: the span in the joined text plus the indices of the words it touches. */
export interface WordFinding extends Finding {
  words: number[];
}

/** One OCR word; `line` (any number, equal for words on the same text line) keeps fields from running together. */
export interface OcrWord {
  text: string;
  line?: number;
}

/** Everything a recognizer may read: the text (with OCR-resolved view and tokens), the header context, the allow-list. */
export interface RecognizerInput {
  view: TextView;
  context: PhiContext;
  allowList: AllowList;
  /** Per token of `view`: allow-listed (alone, or as an OCR-split/merged allowed word). */
  allowed: readonly boolean[];
}

/** A named, stateless detector of one family of PHI. */
export interface Recognizer {
  readonly name: string;
  /** Entity kinds this recognizer can emit. */
  readonly entities: readonly EntityType[];
  /** Returns raw findings (possibly overlapping, any score); the analyzer filters and merges them. */
  analyze(input: RecognizerInput): Finding[];
}
