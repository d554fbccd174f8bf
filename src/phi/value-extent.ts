// How much of a known header value lies beyond the part OCR read: "SEXTO" read of "SEXTON CARMEN".
import type { PhiContext } from "./context.js";
import { dateSpellings, parseDicomDate } from "./dates.js";

/** Characters of the matched header value before and after the text that was read (spaces count). */
export interface ValueRemainder {
  before: number;
  after: number;
}

/** Shortest read text (letters/digits) that is placed inside a header value. */
const MIN_READ = 3;

/** Shortest read text placed with one character misread ("SEXTOM" in "SEXTON CARMEN"). */
const MIN_FUZZY_READ = 5;

/**
 * Where `r` starts in `folded`: exactly, else (for reads of MIN_FUZZY_READ or more) at the first
 * offset where all but one character agree, the commonest OCR error; -1 when nowhere.
 */
function placeRead(r: string, folded: string): number {
  const exact = folded.indexOf(r);
  if (exact >= 0 || r.length < MIN_FUZZY_READ) return exact;
  for (let k = 0; k + r.length <= folded.length; k++) {
    let misses = 0;
    for (let j = 0; j < r.length && misses <= 1; j++) if (folded[k + j] !== r[j]) misses++;
    if (misses <= 1) return k;
  }
  return -1;
}

/** Upper case, OCR look-alikes folded (O/0, I/L/1, S/5, B/8, Z/2), letters and digits only per character. */
function foldChar(c: string): string {
  // One character out for one in ("ß" upper-cases to "SS"), so positions map back to the value.
  const u = c.toUpperCase()[0] ?? "";
  if (!/[\p{L}\p{N}]/u.test(u)) return "";
  return ({ O: "0", I: "1", L: "1", S: "5", B: "8", Z: "2" } as Record<string, string>)[u] ?? u;
}

/** A text folded character by character (see foldChar): what read text and header values are compared as. */
const fold = (text: string): string => [...text].map(foldChar).join("");

/** Value texts in the order they may be burned in: names as written in the header and given-name first. */
function candidates(context: PhiContext): string[] {
  const out: string[] = [];
  for (const pn of context.personNames) {
    const parts = pn.split("=")[0].split("^").map((p) => p.trim()).filter(Boolean);
    if (!parts.length) continue;
    out.push(parts.join(" "));
    if (parts.length > 1) out.push([...parts.slice(1), parts[0]].join(" "), `${parts[0]}, ${parts.slice(1).join(" ")}`);
  }
  return [...out, ...context.ids, ...(context.institutions ?? []), ...(context.addresses ?? [])];
}

/**
 * Places read text inside the header value it is part of (one misread character allowed in five
 * or more) and returns how many characters of that value lie before and after it, or undefined
 * when the text is no strict part of any value. Text burned on a saturated band often reads only
 * in part; the rest of the value is still there. When several values hold the text, the one
 * leaving the most unread wins (the safer extent).
 */
export function unreadRemainder(read: string, context: PhiContext): ValueRemainder | undefined {
  const r = fold(read);
  if (r.length < MIN_READ) return undefined;
  let best: ValueRemainder | undefined;
  for (const value of candidates(context)) {
    const chars = [...value];
    // Folded value without spaces, and where each folded character sits in the original value.
    let folded = "";
    const at: number[] = [];
    chars.forEach((c, i) => {
      const f = foldChar(c);
      if (f) { folded += f; at.push(i); }
    });
    const k = placeRead(r, folded);
    if (k < 0 || folded.length === r.length) continue;
    const before = at[k];
    const after = chars.length - 1 - at[k + r.length - 1];
    if (before + after > 0 && (!best || before + after > best.before + best.after)) best = { before, after };
  }
  return best;
}

/**
 * True when the read text is the whole of one of the header's values (names in any order the
 * header allows, IDs, institutions, addresses), OCR look-alikes folded: nothing of it is left
 * to continue on another line.
 */
export function wholeHeaderValue(read: string, context: PhiContext): boolean {
  const r = fold(read);
  if (r.length < MIN_READ) return false;
  return candidates(context).some((value) => fold(value) === r);
}

/** Longest remainder of a date (characters, separators left out) a partial reading is extended by. */
const MAX_DATE_REST = 8;

/**
 * The same for a date: the read text (e.g. "Sep 23") placed inside a full spelling of one of the
 * header's dates ("1999 Sep 23"); the remainder counts letters and digits only. Undefined when
 * the reading is a whole spelling already or no spelling holds it.
 */
export function unreadDateRemainder(read: string, context: PhiContext): ValueRemainder | undefined {
  const r = read.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  if (r.length < MIN_READ || !/\p{N}/u.test(r)) return undefined;
  let best: ValueRemainder | undefined;
  for (const value of context.dates) {
    const ymd = parseDicomDate(value.slice(0, 8));
    if (!ymd) continue;
    for (const sp of dateSpellings(ymd)) {
      if (sp.partial) continue;
      if (sp.compact === r) return undefined;
      const k = placeRead(r, sp.compact);
      if (k < 0) continue;
      const rest = { before: Math.min(k, MAX_DATE_REST), after: Math.min(sp.compact.length - k - r.length, MAX_DATE_REST) };
      if (!best || rest.before + rest.after > best.before + best.after) best = rest;
    }
  }
  return best;
}
