// Analyzer: runs the selected recognizers over text or OCR words, keeps confident findings, merges overlaps.
import type { EntityType, Finding, OcrWord, Recognizer, WordFinding } from "./types.js";
import { emptyContext, type PhiContext } from "./context.js";
import { allowedTokens, createAllowList, DEFAULT_ALLOW_LIST, type AllowList, type AllowListOptions } from "./allow-list.js";
import { createDefaultRegistry, type RecognizerRegistry } from "./registry.js";
import { makeTextView } from "./text-view.js";
import { bridgeFindings, mergeFindings } from "./merge.js";

/** Options of analyzeText / analyzeWords / cleanText. */
export interface AnalyzeOptions {
  /** Recognizer names to run (default: all registered); an unknown name throws. */
  recognizers?: readonly string[];
  /** Findings scoring below this are dropped before merging (default 0.5). */
  minScore?: number;
  /** Only report these entity kinds (default: all). */
  entities?: readonly EntityType[];
  /** An allow-list, or options adjusting the default one. */
  allowList?: AllowList | AllowListOptions;
  /** Where recognizer names are looked up (default: the built-ins). */
  registry?: RecognizerRegistry;
  /** Keep overlapping findings apart instead of merging them (for evaluation). */
  raw?: boolean;
}

/** Default confidence threshold. */
export const DEFAULT_MIN_SCORE = 0.5;

let defaultRegistry: RecognizerRegistry | undefined;

function resolveAllowList(a: AnalyzeOptions["allowList"]): AllowList {
  if (!a) return DEFAULT_ALLOW_LIST;
  return "hasWord" in a ? a : createAllowList(a);
}

function selectRecognizers(options: AnalyzeOptions): Recognizer[] {
  const registry = options.registry ?? (defaultRegistry ??= createDefaultRegistry());
  return (options.recognizers ?? registry.names()).map((n) => registry.get(n));
}

/** Detects PHI in text: findings with entity, span, score, recognizer and explanation, overlaps merged. */
export function analyzeText(text: string, context: PhiContext = emptyContext(), options: AnalyzeOptions = {}): Finding[] {
  const recognizers = selectRecognizers(options);
  const view = makeTextView(text);
  const allowList = resolveAllowList(options.allowList);
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const entities = options.entities ? new Set(options.entities) : undefined;
  const allowed = allowedTokens(view, allowList);
  const found: Finding[] = [];
  for (const r of recognizers) {
    for (const f of r.analyze({ view, context, allowList, allowed })) {
      if (f.score >= minScore && (!entities || entities.has(f.entity))) found.push(f);
    }
  }
  return options.raw ? found.sort((a, b) => a.start - b.start || a.end - b.end) : bridgeFindings(mergeFindings(found), text);
}

/** Joins OCR words into one text (" " within a line, "\n" between lines) and records where each word sits. */
export function joinWords(words: readonly OcrWord[]): { text: string; spans: Array<{ start: number; end: number }> } {
  let text = "";
  const spans: Array<{ start: number; end: number }> = [];
  words.forEach((w, i) => {
    if (i > 0) text += w.line !== undefined && w.line !== words[i - 1].line ? "\n" : " ";
    // A word must not contain a line break of its own: it would split its line in two.
    const t = w.text.replace(/[\r\n]+/g, " ");
    spans.push({ start: text.length, end: text.length + t.length });
    text += t;
  });
  return { text, spans };
}

/** Detects PHI in OCR words: each finding also lists the indices of the words it touches (values may span words). */
export function analyzeWords(words: readonly OcrWord[], context: PhiContext = emptyContext(), options: AnalyzeOptions = {}): WordFinding[] {
  const { text, spans } = joinWords(words);
  return analyzeText(text, context, options).map((f) => ({
    ...f,
    words: spans.flatMap((s, i) => (s.start < f.end && s.end > f.start ? [i] : [])),
  }));
}

/** Options of cleanText: the replacement marker plus analyzer options. */
export interface CleanOptions extends AnalyzeOptions {
  /** Text put in place of each finding (default "[REMOVED]"). */
  marker?: string;
}

/** PS3.15 "Clean Descriptors" for free text: replaces every finding by a marker and keeps the rest. */
export function cleanText(text: string, context: PhiContext = emptyContext(), options: CleanOptions = {}): string {
  const marker = options.marker ?? "[REMOVED]";
  const findings = analyzeText(text, context, { ...options, raw: false });
  let out = "";
  let at = 0;
  for (const f of findings) {
    out += text.slice(at, f.start) + marker;
    at = f.end;
  }
  return out + text.slice(at);
}
