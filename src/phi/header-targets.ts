// Turns a PhiContext into match targets: every spelling of each header value that text may show.
import type { EntityType } from "./types.js";
import type { PhiContext } from "./context.js";
import type { AllowList } from "./allow-list.js";
import { skeleton } from "./ocr-fold.js";
import { toleratedEdits } from "./fuzzy.js";
import { dateSpellings, parseDicomDate, parseDicomTime } from "./dates.js";
import { INSTITUTION_GENERIC, STREET_WORDS, US_STATES } from "./org-words.js";

/** One spelling of a header value, as an OCR skeleton, with how to score a match. */
export interface HeaderTarget {
  skel: string;
  entity: EntityType;
  score: number;
  /** What part of which kind of value this is, for explanations (never the value). */
  what: string;
  /** The match must span at least this many tokens (guards ambiguous short spellings). */
  minTokens: number;
  /** Edit distance tolerated between skeletons. */
  maxEdits: number;
  /** May be found inside a longer token (OCR merged it with a neighbour). */
  substring: boolean;
  /** A bare number that only counts next to an age cue ("Age", "yrs"). */
  needsAgeCue?: boolean;
}

const words = (s: string): string[] => s.match(/[\p{L}\p{N}]+/gu) ?? [];

/** Splits a PN value into family, given and middle words, across "=" groups and "^" components. */
export function personNameParts(pn: string): Array<{ family: string[]; given: string[]; middle: string[] }> {
  const out: Array<{ family: string[]; given: string[]; middle: string[] }> = [];
  for (const group of pn.split("=")) {
    if (!group.trim()) continue;
    if (group.includes("^")) {
      const [family = "", given = "", middle = ""] = group.split("^");
      out.push({ family: words(family), given: words(given), middle: words(middle) });
    } else if (group.includes(",")) {
      const [family, rest = ""] = group.split(",", 2);
      const ws = words(rest);
      out.push({ family: words(family), given: ws.slice(0, 1), middle: ws.slice(1) });
    } else {
      const ws = words(group);
      // Without separators the order is unknown: treat every word as both a family and a given name.
      out.push({ family: ws.slice(-1), given: ws.slice(0, -1), middle: [] });
      if (ws.length > 1) out.push({ family: ws.slice(0, 1), given: ws.slice(1), middle: [] });
    }
  }
  return out.filter((p) => p.family.length + p.given.length > 0);
}

class TargetSet {
  readonly list: HeaderTarget[] = [];
  private readonly seen = new Map<string, HeaderTarget>();

  add(t: Omit<HeaderTarget, "skel"> & { text: string }): void {
    const skel = skeleton(t.text);
    if (skel.length === 0) return;
    const key = `${t.entity}|${skel}|${t.needsAgeCue ? 1 : 0}`;
    const prev = this.seen.get(key);
    if (prev) {
      if (t.score > prev.score) Object.assign(prev, { score: t.score, what: t.what });
      prev.minTokens = Math.min(prev.minTokens, t.minTokens);
      return;
    }
    const { text: _text, ...rest } = t;
    const target = { ...rest, skel };
    this.seen.set(key, target);
    this.list.push(target);
  }
}

function addNames(ts: TargetSet, pns: readonly string[], allow: AllowList): void {
  for (const pn of pns) {
    for (const { family, given, middle } of personNameParts(pn)) {
      const fam = family.join("");
      const giv = given.join("");
      const mid = middle.join("");
      const gi = given.map((w) => w[0]).join("");
      const mi = middle.map((w) => w[0]).join("");
      const full = (text: string): void => {
        if (skeleton(text).length >= 4) {
          ts.add({ text, entity: "PERSON", score: 0.95, what: "full person name from the header", minTokens: 1,
            maxEdits: toleratedEdits(skeleton(text).length), substring: true });
        }
      };
      if (fam && giv) {
        full(fam + giv);
        full(giv + fam);
        full(fam + gi);
        full(gi + fam);
        if (mid) {
          full(fam + giv + mid);
          full(giv + mid + fam);
          full(fam + giv + mi);
          full(giv + mi + fam);
          full(gi + mi + fam);
        }
      }
      const single = (w: string, score: number, what: string): void => {
        const s = skeleton(w);
        if (s.length < 2) return;
        const allowed = allow.hasWord(w);
        ts.add({
          text: w, entity: "PERSON", score: allowed ? 0.4 : score,
          what: allowed ? `${what} (also an allow-listed word)` : what,
          minTokens: 1, maxEdits: toleratedEdits(s.length), substring: s.length >= 6,
        });
      };
      if (family.length > 1) single(fam, 0.9, "family name from the header");
      for (const w of family) single(w, 0.9, "family name from the header");
      for (const w of given) single(w, 0.8, "given name from the header");
      for (const w of middle) if (w.length >= 3) single(w, 0.7, "middle name from the header");
    }
  }
}

function addIds(ts: TargetSet, ids: readonly string[]): void {
  for (const id of ids) {
    const s = skeleton(id);
    const digits = id.replace(/\D/g, "");
    if (s.length < 3 || (s.length === digits.length && s.length < 4)) continue;
    ts.add({ text: id, entity: "ID", score: 0.95, what: "identifier from the header", minTokens: 1,
      maxEdits: s.length >= 8 ? 1 : 0, substring: s.length >= 6 });
    for (const part of id.split(/[^\p{L}\p{N}]+/u)) {
      if (part.length >= 5 && part.length < s.length && /\p{N}/u.test(part)) {
        ts.add({ text: part, entity: "ID", score: 0.8, what: "part of an identifier from the header", minTokens: 1,
          maxEdits: 0, substring: part.length >= 7 });
      }
    }
  }
}

function addDates(ts: TargetSet, dates: readonly string[]): void {
  for (const v of dates) {
    const ymd = parseDicomDate(v);
    if (!ymd) continue;
    for (const sp of dateSpellings(ymd)) {
      // Long spellings tolerate one OCR error: a near-miss of a known date is still a date.
      ts.add({ text: sp.compact, entity: "DATE", score: sp.partial ? 0.7 : 0.95,
        what: sp.partial ? "month and year of a date from the header" : "date from the header",
        minTokens: sp.minTokens, maxEdits: !sp.partial && sp.compact.length >= 8 ? 1 : 0, substring: !sp.partial && sp.minTokens === 1 });
    }
  }
}

function addTimes(ts: TargetSet, times: readonly string[]): void {
  for (const v of times) {
    const t = parseDicomTime(v);
    if (!t) continue;
    const hh = String(t.h).padStart(2, "0");
    const mm = String(t.min).padStart(2, "0");
    if (t.s !== undefined) {
      const ss = String(t.s).padStart(2, "0");
      ts.add({ text: hh + mm + ss, entity: "TIME", score: 0.6, what: "time from the header", minTokens: 2, maxEdits: 0, substring: false });
      ts.add({ text: String(t.h) + mm + ss, entity: "TIME", score: 0.6, what: "time from the header", minTokens: 3, maxEdits: 0, substring: false });
    }
    ts.add({ text: hh + mm, entity: "TIME", score: 0.55, what: "hour and minute from the header", minTokens: 2, maxEdits: 0, substring: false });
  }
}

function addAges(ts: TargetSet, ages: readonly string[]): void {
  const units: Record<string, string[]> = {
    Y: ["y", "yr", "yrs", "year", "years", "yo", "yearsold", "yearold", "j", "a"],
    M: ["m", "mo", "mos", "month", "months"],
    W: ["w", "wk", "wks", "week", "weeks"],
    D: ["d", "day", "days"],
  };
  for (const v of ages) {
    const m = /^\s*0*(\d{1,3})\s*([YMWD])?/i.exec(v);
    if (!m) continue;
    const n = m[1];
    const unit = (m[2] ?? "Y").toUpperCase();
    const what = "age from the header";
    for (const u of units[unit]) {
      ts.add({ text: n + u, entity: "AGE", score: 0.9, what, minTokens: 1, maxEdits: 0, substring: false });
      ts.add({ text: n.padStart(3, "0") + u, entity: "AGE", score: 0.9, what, minTokens: 1, maxEdits: 0, substring: false });
    }
    ts.add({ text: n, entity: "AGE", score: 0.9, what, minTokens: 1, maxEdits: 0, substring: false, needsAgeCue: true });
  }
}

function addPhones(ts: TargetSet, phones: readonly string[]): void {
  for (const v of phones) {
    let digits = v.replace(/\D/g, "");
    if (digits.length < 7) continue;
    const what = "telephone number from the header";
    ts.add({ text: digits, entity: "PHONE", score: 0.9, what, minTokens: 1, maxEdits: 1, substring: true });
    if (digits.length === 11 && digits.startsWith("1")) {
      digits = digits.slice(1);
      ts.add({ text: digits, entity: "PHONE", score: 0.9, what, minTokens: 1, maxEdits: 1, substring: true });
    }
    if (digits.length >= 10) ts.add({ text: digits.slice(-7), entity: "PHONE", score: 0.75, what, minTokens: 2, maxEdits: 0, substring: false });
  }
}

/** Adds a multi-word value (institution, address): whole, comma parts, and its distinctive words. */
function addPhraseValue(ts: TargetSet, value: string, entity: EntityType, kind: string, generic: (w: string) => boolean, allow: AllowList): void {
  const s = skeleton(value);
  if (s.length < 3) return;
  ts.add({ text: value, entity, score: 0.9, what: `${kind} from the header`, minTokens: 1, maxEdits: toleratedEdits(s.length), substring: s.length >= 8 });
  const parts = value.split(/[,;\n]+/).map((p) => p.trim());
  if (parts.length > 1) {
    for (const p of parts) {
      const ps = skeleton(p);
      if (ps.length >= 6 && !words(p).every((w) => generic(w) || allow.hasWord(w))) {
        ts.add({ text: p, entity, score: 0.85, what: `part of ${kind} from the header`, minTokens: 1, maxEdits: toleratedEdits(ps.length), substring: ps.length >= 8 });
      }
    }
  }
  const ws = words(value);
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k];
    if (/^\d+$/.test(w)) {
      if (w.length >= 5) ts.add({ text: w, entity, score: 0.7, what: `number in ${kind} from the header`, minTokens: 1, maxEdits: 0, substring: false });
      if (k + 1 < ws.length && /^\p{L}/u.test(ws[k + 1])) {
        ts.add({ text: w + ws[k + 1], entity, score: 0.8, what: `number and word of ${kind} from the header`, minTokens: 2, maxEdits: 0, substring: false });
      }
      continue;
    }
    if (w.length < 4 || generic(w) || allow.hasWord(w)) continue;
    ts.add({ text: w, entity, score: 0.6, what: `distinctive word of ${kind} from the header`, minTokens: 1,
      maxEdits: toleratedEdits(skeleton(w).length), substring: false });
  }
}

/** Every target derived from the context, deduplicated by (entity, skeleton). */
export function headerTargets(ctx: PhiContext, allow: AllowList): HeaderTarget[] {
  const ts = new TargetSet();
  addNames(ts, ctx.personNames, allow);
  addIds(ts, ctx.ids);
  addDates(ts, ctx.dates);
  addTimes(ts, ctx.times ?? []);
  addAges(ts, ctx.ages ?? []);
  addPhones(ts, ctx.phones ?? []);
  const instGeneric = (w: string): boolean => INSTITUTION_GENERIC.has(w.toLowerCase());
  const addrGeneric = (w: string): boolean => STREET_WORDS.has(w.toLowerCase()) || US_STATES.has(w.toUpperCase());
  for (const v of ctx.institutions ?? []) addPhraseValue(ts, v, "INSTITUTION", "an institution", instGeneric, allow);
  for (const v of ctx.addresses ?? []) addPhraseValue(ts, v, "ADDRESS", "an address", addrGeneric, allow);
  for (const v of ctx.other ?? []) {
    const s = skeleton(v);
    if (s.length >= 3) ts.add({ text: v, entity: "OTHER", score: 0.8, what: "other identifying value from the header", minTokens: 1, maxEdits: s.length >= 8 ? 1 : 0, substring: false });
  }
  return ts.list;
}
