// TextView: the analysed text, its OCR-resolved twin (same offsets) and its letter/digit tokens.
import { resolveConfusables, skeleton } from "./ocr-fold.js";

/** One maximal run of letters/digits, located in the analysed text. */
export interface Token {
  index: number;
  start: number;
  end: number;
  /** The characters as given. */
  text: string;
  /** The characters after OCR resolution (same length). */
  resolved: string;
  /** `resolved` in lower case. */
  lower: string;
  /** OCR skeleton (see skeleton()). */
  skel: string;
  /** 0-based line number (lines are separated by "\n"). */
  line: number;
  /** Only letters after resolution. */
  alpha: boolean;
  /** Only digits after resolution. */
  numeric: boolean;
}

/** The analysed text prepared once for all recognizers. */
export interface TextView {
  text: string;
  resolved: string;
  tokens: Token[];
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/** Builds the view: resolves OCR confusables and splits letter/digit runs into tokens. */
export function makeTextView(text: string): TextView {
  const resolved = resolveConfusables(text);
  const tokens: Token[] = [];
  let line = 0;
  let lineScan = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(resolved); m; m = TOKEN_RE.exec(resolved)) {
    const start = m.index;
    const end = start + m[0].length;
    for (; lineScan < start; lineScan++) if (text[lineScan] === "\n") line++;
    const r = m[0];
    tokens.push({
      index: tokens.length,
      start,
      end,
      text: text.slice(start, end),
      resolved: r,
      lower: r.toLowerCase(),
      skel: skeleton(r),
      line,
      alpha: /^\p{L}+$/u.test(r),
      numeric: /^\p{N}+$/u.test(r),
    });
  }
  return { text, resolved, tokens };
}

/** The characters between token i-1 and token i (or from the line start when i is the first token). */
export function gapBefore(view: TextView, i: number): string {
  const t = view.tokens[i];
  const prevEnd = i > 0 ? view.tokens[i - 1].end : 0;
  return view.text.slice(prevEnd, t.start);
}

/** The characters between token i and token i+1 (or to the end of the text). */
export function gapAfter(view: TextView, i: number): string {
  const t = view.tokens[i];
  const nextStart = i + 1 < view.tokens.length ? view.tokens[i + 1].start : view.text.length;
  return view.text.slice(t.end, nextStart);
}

/** True when token i is the first token of its line. */
export function startsLine(view: TextView, i: number): boolean {
  return i === 0 || view.tokens[i - 1].line !== view.tokens[i].line;
}

/** True when the word looks capitalised ("Smith", "SMITH", "McDonald") rather than lower case. */
export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/**
 * Matches of a global regex run line by line (so no match crosses a line break), with offsets in the whole text.
 * Runs `re` itself (from lastIndex 0) rather than `matchAll`, whose copy of the regex is compiled again once V8's
 * regex cache has aged: that recompilation cost about 1 ms per pattern and text, most of the decision's time.
 */
export function lineMatches(text: string, re: RegExp): RegExpExecArray[] {
  if (!re.global) throw new TypeError("lineMatches needs a global regex");
  const out: RegExpExecArray[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (m[0].length === 0) re.lastIndex++;
      m.index += offset;
      out.push(m);
    }
    offset += line.length + 1;
  }
  return out;
}
