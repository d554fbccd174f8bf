// Field labels that announce a PHI value in overlays and free text ("Name:", "DOB", "Patient ID"...).
import type { EntityType } from "./types.js";
import type { TextView } from "./text-view.js";
import { skeleton } from "./ocr-fold.js";
import { boundedEditDistance } from "./fuzzy.js";

/** One label: its words (lower case, letters/digits only) and the kind of value it announces. */
export interface LabelDef {
  words: string[];
  /** OCR skeletons of `words` (precomputed). */
  skels: string[];
  entity: EntityType;
  /** Strong labels announce a value even without a following ":" when they start a line. */
  strong: boolean;
}

const RAW: Array<[EntityType, string[], string[]]> = [
  // [entity, strong labels, labels that need a ":" (or "#", "=") after them]
  ["PERSON", ["patient name", "patients name", "pt name", "pat name", "referring physician", "ref physician",
    "ref phys", "ref dr", "performing physician", "requesting physician", "reading physician", "operator name",
    "operators name", "physician name", "technologist name", "radiologist name", "full name", "last name",
    "first name", "given name", "family name", "surname", "mother's maiden name"],
  ["name", "patient", "pt", "pat", "physician", "phys", "referring", "referrer", "ref", "operator", "operators",
    "technologist", "tech", "radiologist", "reader", "read by", "attending", "doctor", "dr", "performed by",
    "reported by", "requested by", "signed by", "author"]],
  ["DATE", ["dob", "d o b", "date of birth", "birth date", "birthdate", "study date", "exam date", "scan date",
    "acquisition date", "acq date", "series date", "content date", "procedure date", "visit date",
    "admission date", "report date", "image date"],
  ["date", "born", "birth", "dt", "exam dt", "study dt"]],
  ["TIME", ["study time", "exam time", "scan time", "acquisition time", "acq time", "series time", "content time"],
    ["time", "tm"]],
  ["ID", ["patient id", "pat id", "pt id", "patient number", "patient no", "mrn", "mr no", "mr number",
    "medical record number", "medical record no", "record number", "accession number", "accession no",
    "accession", "acc no", "acc number", "study id", "exam id", "exam number", "exam no", "visit number",
    "encounter number", "order number", "requisition", "ssn", "social security number", "other patient ids"],
  ["id", "acc", "mr", "no", "number", "nr", "exam", "study", "visit", "encounter", "order", "req", "case"]],
  ["AGE", ["patient age", "pt age", "patients age"], ["age", "aged"]],
  ["SEX", ["patient sex", "pt sex", "patient gender", "patients sex"], ["sex", "gender"]],
  ["INSTITUTION", ["institution name", "institution", "hospital name", "facility name", "referring hospital"],
    ["hospital", "facility", "site", "clinic", "centre", "center", "department", "dept", "station", "station name",
      "location"]],
  ["ADDRESS", ["patient address", "home address", "street address", "institution address"], ["address", "addr"]],
  ["PHONE", ["telephone number", "phone number", "patient phone", "contact number"], ["phone", "tel", "telephone", "mobile", "fax"]],
  ["EMAIL", ["email address", "e mail address"], ["email", "e mail"]],
];

const words = (phrase: string): string[] => phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every known label, longest first. */
export const LABELS: readonly LabelDef[] = RAW.flatMap(([entity, strong, weak]) => [
  ...strong.map((p) => ({ words: words(p), skels: words(p).map(skeleton), entity, strong: true })),
  ...weak.map((p) => ({ words: words(p), skels: words(p).map(skeleton), entity, strong: false })),
]).sort((a, b) => b.words.length - a.words.length || b.words.join("").length - a.words.join("").length);

/** Every word used in a label, for the allow-list (labels are never PHI). */
export const LABEL_WORDS: ReadonlySet<string> = new Set(LABELS.flatMap((l) => l.words));

/** A label found in a text view: the tokens it covers and whether a ":"-like separator follows it. */
export interface LabelMatch {
  label: LabelDef;
  first: number;
  last: number;
  /** The label is followed by ":", "#", "=" or "-" (then optionally spaces), or ends with such a mark. */
  marked: boolean;
}

/** Exact skeleton match, or one edit for words of 5+ letters; `loose` also allows one substitution in 3-4 letter words. */
function wordMatches(tokenSkel: string, w: string, fuzzy = true, loose = false): boolean {
  if (tokenSkel === w) return true;
  if (!fuzzy) return false;
  if (w.length >= 5) return boundedEditDistance(tokenSkel, w, 1) <= 1;
  return loose && w.length >= 3 && tokenSkel.length === w.length && boundedEditDistance(tokenSkel, w, 1) <= 1;
}

const tails = new Map<string, string | undefined>();

/** Skeleton of the part of a token after its last lower-to-upper case change ("ientSex" -> "sex"), cached. */
function camelTail(text: string): string | undefined {
  if (!tails.has(text)) {
    const m = /\p{Ll}(\p{Lu}[\p{L}\p{N}]*)$/u.exec(text);
    if (tails.size > 10000) tails.clear();
    tails.set(text, m ? skeleton(m[1]) : undefined);
  }
  return tails.get(text);
}

/**
 * Matches label words w[k..] against tokens from t: a word may be one token, two tokens (OCR split "Pati ent"),
 * or two words may be one token (OCR merged "PatientID"). Returns the last token used, or -1.
 */
function matchWords(view: TextView, ws: readonly string[], k: number, t: number, line: number, loose: boolean): number {
  if (k === ws.length) return t - 1;
  const toks = view.tokens;
  if (t >= toks.length || toks[t].line !== line) return -1;
  if (k > 0 && !/^[\s.'’-]*$/.test(view.text.slice(toks[t - 1].end, toks[t].start))) return -1;
  const tok = toks[t];
  if (wordMatches(tok.skel, ws[k], true, loose)) {
    const r = matchWords(view, ws, k + 1, t + 1, line, loose);
    if (r >= 0) return r;
  }
  const next = toks[t + 1];
  if (next && next.line === line && ws[k].length >= 3 && view.text.slice(tok.end, next.start) === " " && wordMatches(tok.skel + next.skel, ws[k], false)) {
    const r = matchWords(view, ws, k + 1, t + 2, line, loose);
    if (r >= 0) return r;
  }
  if (k + 1 < ws.length && wordMatches(tok.skel, ws[k] + ws[k + 1], false)) {
    const r = matchWords(view, ws, k + 2, t + 1, line, loose);
    if (r >= 0) return r;
  }
  // A first word glued to the end of a fragment, seen at a lower/upper case change ("ientSex").
  const tail = k === 0 ? camelTail(tok.text) : undefined;
  if (tail && wordMatches(tail, ws[0], false)) {
    const r = matchWords(view, ws, 1, t + 1, line, loose);
    if (r >= 0) return r;
  }
  return -1;
}

/** The longest label starting at token i, tolerant to one OCR error in words of 5+ letters and to split/merged words. */
export function labelAt(view: TextView, i: number): LabelMatch | undefined {
  const toks = view.tokens;
  if (i >= toks.length) return undefined;
  const markedAfter = (last: number): boolean => {
    const nextStart = last + 1 < toks.length ? toks[last + 1].start : view.text.length;
    const after = view.text.slice(toks[last].end, nextStart);
    return /^\s*\.?\s*[:#=]/.test(after) || /^\s*-\s/.test(after);
  };
  let strict: LabelMatch | undefined;
  for (const label of LABELS) {
    const last = matchWords(view, label.skels, 0, i, toks[i].line, false);
    if (last >= 0) { strict = { label, first: i, last, marked: markedAfter(last) }; break; }
  }
  if (strict?.marked) return strict;
  // Short words misread by one letter ("Aqe:", "Patient 5ex:") count only as a whole label that starts its line
  // and ends with ":", and only when they cover more than a strict match ("Patient" alone).
  if (i > 0 && toks[i - 1].line === toks[i].line) return strict;
  for (const label of LABELS) {
    const last = matchWords(view, label.skels, 0, i, toks[i].line, true);
    if (last >= 0 && markedAfter(last) && (!strict || last > strict.last)) return { label, first: i, last, marked: true };
  }
  return strict;
}

const labelCache = new WeakMap<TextView, Array<LabelMatch | undefined>>();

/** labelAt for every token of the view, computed once per view and shared by recognizers. */
export function labelsOf(view: TextView): ReadonlyArray<LabelMatch | undefined> {
  let all = labelCache.get(view);
  if (!all) {
    all = view.tokens.map((_t, i) => labelAt(view, i));
    labelCache.set(view, all);
  }
  return all;
}
