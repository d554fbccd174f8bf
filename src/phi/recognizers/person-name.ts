// Recognizer "person-name": names without header help, from name lexicons, compromise and context cues.
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import type { Token, TextView } from "../text-view.js";
import { isCapitalised } from "../text-view.js";
import { isFirstName, surnameRank } from "../lexicons.js";
import { isCommonEnglishWord, isKnownNameWord, personSpans } from "../english.js";
import { labelsOf } from "../labels.js";

/** Words right before a name that make it likely (titles, roles, labels). */
const STRONG_CUES = new Set(["dr", "drs", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sr", "sra"]);
const CUES = new Set(["name", "patient", "pt", "pat", "physician", "phys", "ref", "referring", "referred", "by", "tech",
  "technologist", "operator", "radiologist", "attending", "resident", "fellow", "nurse", "rn", "md", "dob", "mrn",
  "acc", "signed", "reported", "dictated"]);
/** Prepositions that often precede a name in descriptors ("for SMITH JOHN"): they only strengthen lexicon evidence. */
const WEAK_CUES = new Set(["for", "to", "from", "per", "cc", "with", "and"]);
const MAX_RUN = 4;

/** Evidence that one token is a name word (0 = none). */
function wordEvidence(t: Token, allowed: boolean): number {
  const w = t.lower;
  if (!t.alpha || w.length < 2 || allowed) return 0;
  const rank = surnameRank(w);
  const first = isFirstName(w) || isKnownNameWord(w);
  let e = 0;
  if (first) e = Math.max(e, 0.35);
  if (rank > 0) e = Math.max(e, rank <= 5000 ? 0.35 : rank <= 15000 ? 0.3 : 0.2);
  if (e > 0 && isCommonEnglishWord(w)) e = 0.1;
  return e;
}

/**
 * A capitalised alphabetic token that is neither allow-listed nor ordinary vocabulary: maybe an unknown name.
 * In ALL-CAPS text capitals say nothing, so there it needs a cue before the run.
 */
function unknownProper(t: Token, allowed: boolean, cued: boolean): boolean {
  if (!t.alpha || t.lower.length < 2 || allowed || isCommonEnglishWord(t.lower)) return false;
  return /^\p{Lu}\p{Ll}/u.test(t.resolved) || (cued && isCapitalised(t.resolved));
}

/** How strongly the tokens before `first` announce a name: 0.5 after a title, 0.3 after a role or label, 0.1 after "for"/"to", else 0. */
function cueStrength(view: TextView, first: number): number {
  const toks = view.tokens;
  for (let k = first - 1, n = 0; k >= 0 && n < 2; k--, n++) {
    if (toks[k].line !== toks[first].line) return 0;
    const strength = STRONG_CUES.has(toks[k].lower) ? 0.5 : CUES.has(toks[k].lower) ? 0.3 : WEAK_CUES.has(toks[k].lower) ? 0.1 : 0;
    if (strength === 0) continue;
    // A cue word inside a label of another kind ("Institution Name:", "Study ID") announces no person.
    const labels = labelsOf(view);
    for (let s = Math.max(0, k - 3); s <= k; s++) {
      const m = labels[s];
      if (m && m.last === k && m.label.entity !== "PERSON") return 0;
    }
    return strength;
  }
  return 0;
}

/** Separators allowed inside a name: spaces, a comma ("SMITH, JOHN"), "^", a period after an initial, hyphen, apostrophe. */
function joins(view: TextView, a: Token, b: Token): boolean {
  return a.line === b.line && /^(\s*[,^]?\s*|\.\s*|-|'|’)$/.test(view.text.slice(a.end, b.start)) && view.text.slice(a.end, b.start).length > 0;
}

/** Recognizer of person names from lexicons (first names, census surnames), compromise and cues ("Dr.", "Name:"). */
export const personNameRecognizer: Recognizer = {
  name: "person-name",
  entities: ["PERSON"],
  analyze({ view, allowed }: RecognizerInput): Finding[] {
    const toks = view.tokens;
    const out: Finding[] = [];
    // Words of field labels ("Patient Sex:") are never names, even when OCR garbled them.
    const inLabel = new Array<boolean>(toks.length).fill(false);
    const labels = labelsOf(view);
    for (let k = 0; k < toks.length; k++) {
      const m = labels[k];
      if (m?.marked) for (let j = m.first; j <= m.last; j++) inLabel[j] = true;
      // A word right before ":" names a field, even one OCR garbled beyond recognition ("Patient 1J:").
      if (/^\s*:/.test(view.text.slice(toks[k].end, k + 1 < toks.length ? toks[k + 1].start : view.text.length))) inLabel[k] = true;
    }
    const evidence = toks.map((t) => (isCapitalised(t.resolved) && !inLabel[t.index] ? wordEvidence(t, allowed[t.index]) : 0));
    const cued = toks.map((_t, k) => cueStrength(view, k) >= 0.3);
    let runCued = false;
    const candidate = (k: number): boolean => !inLabel[k] && (evidence[k] > 0 || unknownProper(toks[k], allowed[k], runCued || cued[k]) ||
      (toks[k].alpha && toks[k].lower.length === 1 && isCapitalised(toks[k].resolved)));
    let i = 0;
    while (i < toks.length) {
      runCued = cued[i];
      if (!candidate(i) || (toks[i].lower.length === 1 && !(i + 1 < toks.length && candidate(i + 1)))) { i++; continue; }
      let j = i;
      while (j + 1 < toks.length && j + 1 - i < MAX_RUN && candidate(j + 1) && joins(view, toks[j], toks[j + 1])) j++;
      const run = toks.slice(i, j + 1);
      const words = run.filter((t) => t.lower.length > 1);
      const hits = run.map((t) => evidence[t.index]).filter((e) => e > 0);
      const strongHits = hits.filter((e) => e >= 0.3).length;
      const cue = cueStrength(view, i);
      let score = 0;
      let why = "";
      const firstNameHit = run.some((t) => evidence[t.index] >= 0.3 && isFirstName(t.lower));
      if (words.length >= 2 && strongHits >= 2) { score = 0.75; why = "two or more lexicon name words together"; }
      else if (words.length >= 2 && strongHits === 1) {
        score = firstNameHit ? 0.55 : 0.45;
        why = `a lexicon ${firstNameHit ? "first name" : "surname"} next to an unknown capitalised word`;
      } else if (hits.length > 0) { score = Math.max(...hits); why = "one lexicon name word"; }
      else if (cue >= 0.3) { score = 0.2; why = "unknown capitalised word"; }
      if (score > 0 && cue > 0) { score = Math.min(0.95, score + cue); why += cue >= 0.5 ? ", after a title" : ", after a name cue"; }
      if (score > 0 && words.length > 0) {
        out.push({ entity: "PERSON", start: run[0].start, end: run[run.length - 1].end, score, recognizer: "person-name", explanation: why });
      }
      i = j + 1;
    }
    // compromise on a normal-case copy (same length) finds names in prose that the lexicons miss;
    // it only runs on lines holding a capitalised word that is neither allowed nor a label.
    const normalCase = view.resolved.replace(/\p{L}+/gu, (w) => (w === w.toUpperCase() && w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w));
    const spans: Array<{ start: number; end: number }> = [];
    let lineStart = 0;
    for (const lineText of normalCase.split("\n")) {
      const lineEnd = lineStart + lineText.length;
      const worth = toks.some((t) => t.start >= lineStart && t.end <= lineEnd && t.alpha && t.lower.length > 1 &&
        isCapitalised(t.resolved) && !allowed[t.index] && !inLabel[t.index]);
      if (worth) for (const sp of personSpans(lineText)) spans.push({ start: sp.start + lineStart, end: sp.end + lineStart });
      lineStart = lineEnd + 1;
    }
    for (const s of spans) {
      const inner = toks.filter((t) => t.start >= s.start && t.end <= s.end && t.lower.length > 1);
      if (inner.length === 0 || inner.every((t) => allowed[t.index] || STRONG_CUES.has(t.lower))) continue;
      const named = inner.filter((t) => !STRONG_CUES.has(t.lower));
      const weak = (t: Token): boolean => allowed[t.index] || !isCapitalised(t.resolved) || inLabel[t.index];
      while (named.length > 0 && weak(named[named.length - 1])) named.pop();
      while (named.length > 0 && weak(named[0])) named.shift();
      if (named.length === 0) continue;
      const start = named[0].start;
      const end = named[named.length - 1].end;
      // Capitals were added for compromise when the original was ALL CAPS: weaker evidence then.
      const wasUpper = named.every((t) => t.resolved === t.resolved.toUpperCase());
      const lexical = named.some((t) => evidence[t.index] >= 0.3);
      const score = named.length >= 2 && (!wasUpper || lexical) ? 0.55 : 0.4;
      out.push({ entity: "PERSON", start, end, score, recognizer: "person-name",
        explanation: `compromise tagged a person${wasUpper ? " (in upper-case text)" : ""}` });
    }
    return out;
  },
};
