import type { Dataset } from "../core/dataset.js";
import { DicomError } from "../core/errors.js";
import { PIXEL_DATA } from "../core/tag.js";
import { formatTagPath, type PathStep } from "../core/tag-path.js";
import { isStringVR } from "../core/vr.js";
import { elementText } from "../dataset/values.js";
import { DUMMY_TEXTS } from "./dummy.js";
import { isWellKnownUid } from "./uids.js";

/** An identifying value of the input and the tag it came from (kept in memory only). */
export interface IdentifyingValue { value: string; from: string; wholeWord: boolean }

const latin1 = new TextDecoder("latin1");

/** Words that name nobody: a value made of them only ("unknown^unknown", "ANONYMOUS") identifies no one. */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set(["UNKNOWN", "ANONYMOUS", "ANONYMIZED", "ANONYMISED", "ANON", "NONE", "NULL", "UNNAMED", "N/A", "NA", "NOT", "GIVEN", "APPLICABLE", "AVAILABLE", "NO", "NAME",
  "DEIDENTIFIED", "ANONIMO", "ANONIMA", "ANONIMIZADO", "ANONYME", "ANONYM", "ANONYMISIERT"]);
/** True when a value (upper case) is made only of words that name nobody ("ANONIMO^ANONIMO", "NAME^NONE"). */
export const placeholder = (n: string): boolean => n.split(/[\s^,]+/).filter(Boolean).every((w) => PLACEHOLDER_WORDS.has(w));
/** A value as the residual check compares it: upper case, runs of spaces as one. */
export const norm = (s: string): string => s.toUpperCase().replace(/\s+/g, " ").trim();

/** Han, Hangul, Hiragana or Katakana: scripts in which a whole name takes two or three characters. */
const CJK = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The identifying values of one input, by category (from removed or replaced standard attributes). */
export interface IdentifyingSets {
  personNames: readonly string[];
  ids: readonly string[];
  dates: readonly string[];
  uids: readonly string[];
  addresses: readonly string[];
  phones: readonly string[];
  institutions: readonly string[];
}

/**
 * Chooses what the residual check looks for: full person names, as stored and in written order
 * (and family names of five or more letters: a given name alone is often a word, "Grace",
 * "Mark", and so is a test patient's "Test^Patient"), IDs of four or more characters, dates, instance
 * UIDs, addresses, phone numbers and institution names. Values also present whole in a kept
 * element, or inside a pseudonym this run wrote, are left out (keeping them was chosen), and
 * so are placeholders that name nobody ("unknown^unknown": "Unknown procedure" is no leak).
 */
export function identifyingValues(sets: IdentifyingSets, kept: readonly string[], written: readonly string[]): IdentifyingValue[] {
  const keptSet = new Set(kept.map(norm));
  const writtenText = written.map(norm).join(" | ");
  const out = new Map<string, IdentifyingValue>();
  const add = (v: string, from: string, minLen: number) => {
    const n = norm(v);
    if (n.length < minLen || DUMMY_TEXTS.has(n) || placeholder(n) || keptSet.has(n) || isWellKnownUid(n) || writtenText.includes(n)) return;
    if (!out.has(n)) out.set(n, { value: n, from, wholeWord: true });
  };
  for (const pn of sets.personNames) {
    for (const v of pn.split("\\")) {
      for (const group of v.split("=")) {
        // A name in CJK scripts is whole in two or three characters (김희중, 山田太郎).
        const min = CJK.test(group) ? 2 : 4;
        add(group.replace(/\^+/g, " "), "a person name", min);
        // PS3.5 6.2: family^given^middle^prefix^suffix, written "prefix given middle family suffix".
        const [family = "", given = "", middle = "", prefix = "", suffix = ""] = group.split("^").map((c) => c.trim());
        add([prefix, given, middle, family, suffix].filter(Boolean).join(" "), "a person name", min);
        if (family.length >= 5) add(family, "a person name", 5);
      }
    }
  }
  for (const v of sets.ids) add(v, "an identifier", 4);
  for (const v of sets.dates) if (/^\d{8}/.test(v.trim())) add(v.trim().slice(0, 8), "a date", 8);
  for (const v of sets.uids) for (const u of v.split("\\")) add(u, "a UID", 10);
  for (const v of [...sets.addresses, ...sets.phones]) add(v, "an address or phone number", 6);
  for (const v of sets.institutions) add(v, "an institution", 6);
  return [...out.values()];
}

function contains(hay: string, v: IdentifyingValue): boolean {
  if (!v.wholeWord) return hay.includes(v.value);
  let at = hay.indexOf(v.value);
  while (at >= 0) {
    const before = at === 0 ? " " : hay[at - 1];
    const after = at + v.value.length >= hay.length ? " " : hay[at + v.value.length];
    if (!/[A-Z0-9_]/.test(before) && !/[A-Z0-9_]/.test(after)) return true;
    at = hay.indexOf(v.value, at + 1);
  }
  return false;
}

/**
 * True when a path or file name (separators "_", "-", ".", "/" and "\\" read as spaces) holds
 * one of the identifying values as a whole word: mirrored output names can carry a patient's
 * name or ID.
 */
export function pathHasIdentifying(path: string, values: readonly IdentifyingValue[]): boolean {
  const hay = norm(path.replace(/[_\-./\\^]+/g, " "));
  return values.some((v) => contains(hay, v));
}

/** Options of `checkResidual`. */
export interface ResidualOptions {
  /** UIDs were kept on purpose (Retain UIDs): UI values are not searched (a kept UID may hold a date's digits). */
  uidsKept?: boolean;
  /** Top-level elements whose values this tool wrote itself (the marking: "Retain Patient Characteristics" is no leak of a patient named Patient). */
  own?: ReadonlySet<number>;
}

/**
 * Residual check: scans every element of the written output (private and nested included,
 * pixel data excepted) for an identifying value of its input. A hit throws RESIDUAL_PHI
 * naming the tag the value came from and where it remains, never the value.
 */
export function checkResidual(ds: Dataset, values: readonly IdentifyingValue[], options: ResidualOptions = {}, path: PathStep[] = []): void {
  if (!values.length) return;
  for (const el of ds.elements) {
    if (path.length === 0 && options.own?.has(el.tag)) continue;
    if (el.items) {
      el.items.forEach((it, k) => checkResidual(it.dataset, values, options, [...path, { tag: el.tag, item: k }]));
      continue;
    }
    if (!el.value || el.tag === PIXEL_DATA || el.value.length > 1 << 20 || (options.uidsKept && el.vr === "UI")) continue;
    const text = isStringVR(el.vr) ? elementText(el, ds) ?? "" : el.vr === "UN" || el.vr === "OB" ? latin1.decode(el.value) : "";
    if (!text) continue;
    const hay = norm(text.replace(/\^+/g, " "));
    for (const v of values) {
      if (contains(hay, v)) {
        const p = [...path, { tag: el.tag }];
        throw new DicomError("RESIDUAL_PHI", `${v.from} from the input remains at ${formatTagPath(p)}`, { tagPath: formatTagPath(p) });
      }
    }
  }
}
