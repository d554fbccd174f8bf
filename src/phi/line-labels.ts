// Lines of OCR words that start with a PHI field label ("Name:", "DOB", "Patient ID"), whatever follows.
import type { EntityType, OcrWord } from "./types.js";
import { joinWords } from "./analyzer.js";
import { makeTextView } from "./text-view.js";
import { labelAt } from "./labels.js";
import { allowedTokens, DEFAULT_ALLOW_LIST } from "./allow-list.js";

/** A line whose first words are a PHI label. */
export interface LabelledLine {
  /** The `line` of the words (as given). */
  line: number;
  /** What the label announces. */
  entity: EntityType;
  /** The label is strong ("Patient ID", "DOB") or followed by ":", "#", "=". */
  marked: boolean;
  /** Indices (into the words) of the words after the label on that line that are not allow-listed vocabulary. */
  valueWords: number[];
  /** How many allow-listed words follow the label on that line. */
  allowedAfter: number;
}

/**
 * Finds the lines that open with a field label. The label-value recognizer reports a value only
 * when it has the announced shape; this tells the decision stage where a label stands even when
 * OCR garbled or missed its value, so the value's place can still be judged.
 */
export function labelledLines(words: readonly OcrWord[]): LabelledLine[] {
  const { text, spans } = joinWords(words);
  const view = makeTextView(text);
  const allowed = allowedTokens(view, DEFAULT_ALLOW_LIST);
  const wordOf = (offset: number): number => spans.findIndex((s) => offset >= s.start && offset < s.end);
  const out: LabelledLine[] = [];
  const toks = view.tokens;
  for (let i = 0; i < toks.length; i++) {
    if (i > 0 && toks[i - 1].line === toks[i].line) continue;
    const m = labelAt(view, i);
    if (!m) continue;
    const line = words[wordOf(toks[i].start)]?.line;
    if (line === undefined) continue;
    const value = new Set<number>();
    let allowedAfter = 0;
    for (let k = m.last + 1; k < toks.length && toks[k].line === toks[i].line; k++) {
      if (allowed[k]) allowedAfter++;
      else value.add(wordOf(toks[k].start));
    }
    value.delete(-1);
    out.push({ line, entity: m.label.entity, marked: m.marked || m.label.strong, valueWords: [...value], allowedAfter });
  }
  return out;
}
