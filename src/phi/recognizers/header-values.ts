// Recognizer "header": finds this file's own header values in text, tolerant to OCR errors and spacing.
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import type { TextView } from "../text-view.js";
import type { PhiContext } from "../context.js";
import type { AllowList } from "../allow-list.js";
import { headerTargets, type HeaderTarget } from "../header-targets.js";
import { boundedEditDistance } from "../fuzzy.js";

/** Largest edit distance any target tolerates (see toleratedEdits). */
const MAX_EDITS = 3;
const AGE_CUES = new Set(["age", "aged", "ag", "alter", "edad", "y", "yr", "yrs", "yo", "years", "year", "old"]);

/** Score of the header's age read as a bare number without an age cue: below the default minimum, kept for callers that know more (a block of PHI fields). */
export const BARE_AGE_SCORE = 0.3;

/** True when a token next to tokens[first..last] on the same line is an age cue ("Age: 51", "51 yrs"). */
function hasAgeCue(view: TextView, first: number, last: number): boolean {
  const toks = view.tokens;
  const near = [first - 1, first - 2, last + 1].filter((k) => k >= 0 && k < toks.length && toks[k].line === toks[first].line);
  if (near.some((k) => AGE_CUES.has(toks[k].lower))) return true;
  // The cue itself may be split by OCR ("A ge: 51").
  return first >= 2 && toks[first - 2].line === toks[first].line && AGE_CUES.has(toks[first - 2].lower + toks[first - 1].lower);
}

/** Targets indexed for matching: by exact skeleton, by length for fuzzy matches, substrings, cut-off values. */
interface TargetIndex {
  exact: Map<string, HeaderTarget[]>;
  fuzzyByLength: Map<number, HeaderTarget[]>;
  subs: HeaderTarget[];
  truncatable: HeaderTarget[];
  maxLen: number;
}

/** Indexes per target list (a context's list is cached, so each is indexed once). */
const indexes = new WeakMap<readonly HeaderTarget[], TargetIndex>();

function indexOf(targets: readonly HeaderTarget[]): TargetIndex {
  const hit = indexes.get(targets);
  if (hit) return hit;
  const index: TargetIndex = {
    exact: new Map(),
    fuzzyByLength: new Map(),
    subs: [],
    // Long values whose cut-off remainder is still distinctive; bare numbers and single short words are excluded.
    truncatable: targets.filter((t) => t.skel.length >= 6 && !t.needsAgeCue),
    maxLen: 0,
  };
  for (const t of targets) {
    const list = index.exact.get(t.skel) ?? [];
    list.push(t);
    index.exact.set(t.skel, list);
    if (t.maxEdits > 0) {
      const byLength = index.fuzzyByLength.get(t.skel.length) ?? [];
      byLength.push(t);
      index.fuzzyByLength.set(t.skel.length, byLength);
    }
    if (t.substring) index.subs.push(t);
    index.maxLen = Math.max(index.maxLen, t.skel.length + t.maxEdits);
  }
  indexes.set(targets, index);
  return index;
}

/** Finds every header target in the view; one finding per (token range, target) with the best score. */
export function matchHeaderTargets(view: TextView, targets: readonly HeaderTarget[], recognizer: string, allowed: readonly boolean[] = []): Finding[] {
  if (targets.length === 0 || view.tokens.length === 0) return [];
  const { exact, fuzzyByLength, subs, truncatable, maxLen } = indexOf(targets);
  const out: Finding[] = [];
  const toks = view.tokens;
  const emit = (t: HeaderTarget, i: number, j: number, penalty: number, how: string): void => {
    if (j - i + 1 < t.minTokens) return;
    let score = t.score - penalty;
    if (t.needsAgeCue && !hasAgeCue(view, i, j)) score = Math.min(score, BARE_AGE_SCORE);
    out.push({
      entity: t.entity, start: toks[i].start, end: toks[j].end, score, recognizer,
      explanation: `${t.what}${how}${t.needsAgeCue ? (score > BARE_AGE_SCORE ? ", next to an age cue" : ", bare number without an age cue") : ""}`,
    });
  };
  for (let i = 0; i < toks.length; i++) {
    let concat = "";
    let allAllowed = true;
    for (let j = i; j < toks.length; j++) {
      concat += toks[j].skel;
      if (concat.length > maxLen) break;
      for (const t of exact.get(concat) ?? []) emit(t, i, j, 0, j > i ? ` (over ${j - i + 1} tokens)` : "");
      // Allow-listed words are themselves, not misspelt header values ("Scout" is not "Scott").
      allAllowed = allAllowed && allowed[toks[j].index] === true;
      if (!allAllowed) for (let n = concat.length - MAX_EDITS; n <= concat.length + MAX_EDITS; n++) for (const t of fuzzyByLength.get(n) ?? []) {
        if (t.skel === concat || Math.abs(t.skel.length - concat.length) > t.maxEdits) continue;
        const d = boundedEditDistance(concat, t.skel, t.maxEdits);
        if (d > t.maxEdits) continue;
        if (j > i) {
          // Over several tokens, short tokens must occur exactly: "JANE DOB" is not "JANE DOE" with one error.
          if (toks.slice(i, j + 1).some((k) => k.skel.length <= 4 && !t.skel.includes(k.skel))) continue;
          // Keep the minimal span: a neighbour that adds nothing ("e" of a split "Nam e:") is not part of the value.
          if (boundedEditDistance(concat.slice(toks[i].skel.length), t.skel, d) <= d) continue;
          if (boundedEditDistance(concat.slice(0, concat.length - toks[j].skel.length), t.skel, d) <= d) continue;
        }
        emit(t, i, j, 0.05 * d, ` (${d} OCR edit${d > 1 ? "s" : ""})`);
      }
      // OCR often loses the first or last characters of a line: a long value cut at the line edge.
      if (!allAllowed) {
        // Unless the rest matches exactly and is long, the cut word must be a fragment, not a whole
        // allowed word or a field label ("Name: SANCHEZ" is not the end of "GRACE SANCHEZ").
        const fragStart = !allowed[i] && !beforeColon(view, i);
        const fragEnd = !allowed[j];
        const atStart = i === 0 || toks[i - 1].line !== toks[i].line;
        const atEnd = j + 1 >= toks.length || toks[j + 1].line !== toks[j].line;
        if (atStart || atEnd) {
          for (const t of truncatable) {
            if (concat.length >= t.skel.length || concat.length < Math.max(5, Math.ceil(t.skel.length * 0.6))) continue;
            const tol = 1;
            const ds = atStart ? boundedEditDistance(concat, t.skel.slice(t.skel.length - concat.length), tol) : tol + 1;
            const dp = atEnd ? boundedEditDistance(concat, t.skel.slice(0, concat.length), tol) : tol + 1;
            const d = Math.min(ds, dp);
            if (d > tol) continue;
            const fragment = ds <= dp ? fragStart : fragEnd;
            if (!fragment && (d > 0 || concat.length < 8)) continue;
            // A short cut-off remainder with an OCR error only counts next to a confident match (see supportNeighbours).
            const penalty = d > 0 && concat.length < 9 ? Math.max(0.2, t.score - 0.45) : 0.15 + 0.05 * d;
            emit(t, i, j, penalty, ` (cut at the ${ds <= dp ? "start" : "end"} of a line${d ? ", 1 OCR edit" : ""})`);
          }
        }
      }
    }
    const tok = toks[i];
    for (const t of subs) {
      if (tok.skel.length > t.skel.length && tok.skel.includes(t.skel)) emit(t, i, i, 0.05, " (inside a longer word)");
    }
  }
  return supportNeighbours(view, out);
}

/** True when token i is directly followed by ":" (it names a field). */
function beforeColon(view: TextView, i: number): boolean {
  const next = i + 1 < view.tokens.length ? view.tokens[i + 1].start : view.text.length;
  return /^\s*:/.test(view.text.slice(view.tokens[i].end, next));
}

const WEAK = 0.3;
const SUPPORTED = 0.55;

/** A weak match (a cut-off word) within one word of a confident match of the same kind on its line is raised to SUPPORTED. */
function supportNeighbours(view: TextView, found: Finding[]): Finding[] {
  const toks = view.tokens;
  const tokenAt = (offset: number): number => toks.findIndex((t) => t.start <= offset && t.end >= offset);
  const strong = found.filter((f) => f.score >= 0.5);
  return found.map((f) => {
    if (f.score < WEAK || f.score >= 0.5) return f;
    const first = tokenAt(f.start);
    const last = tokenAt(f.end);
    const near = strong.some((g) => {
      if (g.entity !== f.entity) return false;
      const gFirst = tokenAt(g.start);
      const gLast = tokenAt(g.end);
      // Within one word ("Jimenez and Aguilar"), on the same line.
      const after = gFirst - last >= 1 && gFirst - last <= 2 && toks[gFirst].line === toks[last].line;
      const before = first - gLast >= 1 && first - gLast <= 2 && toks[gLast].line === toks[first].line;
      return after || before;
    });
    return near ? { ...f, score: SUPPORTED, explanation: `${f.explanation}, next to another match of the same value` } : f;
  });
}

const cache = new Map<string, { allowList: AllowList; targets: HeaderTarget[] }>();
const CACHE_SIZE = 16;

/** Targets of a context, cached by content (a file's many descriptors share one context). */
function cachedTargets(context: PhiContext, allowList: AllowList): HeaderTarget[] {
  const key = JSON.stringify(context);
  const hit = cache.get(key);
  if (hit && hit.allowList === allowList) return hit.targets;
  const targets = headerTargets(context, allowList);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, { allowList, targets });
  return targets;
}

/** Recognizer of this file's header values (names in any order, IDs, dates in every format, ages, ...). */
export const headerValuesRecognizer: Recognizer = {
  name: "header",
  entities: ["PERSON", "ID", "DATE", "TIME", "AGE", "PHONE", "INSTITUTION", "ADDRESS", "OTHER"],
  analyze({ view, context, allowList, allowed }: RecognizerInput): Finding[] {
    return matchHeaderTargets(view, cachedTargets(context, allowList), "header", allowed);
  },
};
