/**
 * Scrubbing: the profile keeps standard text attributes that Table E.1-1 does not list (a Text
 * Value, a comment, a reason), but none may keep a value of this file's own identity that the
 * profile removed elsewhere. Each occurrence of an identifying value (as the residual check looks
 * for it, plus a name in given-first order and a date in its common written forms) is replaced by
 * the marker; the rest of the text stays.
 */
import type { IdentifyingValue } from "./residual.js";

/** What replaces an identifying value in a scrubbed text. */
export const SCRUB_MARKER = "[REMOVED]";

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A date value as DA holds it (YYYYMMDD), written in several forms. */
const plainDate = (v: IdentifyingValue): boolean => v.from === "a date" && /^\d{8}$/.test(v.value);

/** The written forms of a YYYYMMDD date: ISO, slashes and dots, month-first and day-first. */
function dateForms(v: string): string[] {
  const [y, m, d] = [v.slice(0, 4), v.slice(4, 6), v.slice(6, 8)];
  return [v, `${y}-${m}-${d}`, `${y}/${m}/${d}`, `${y}.${m}.${d}`, `${m}/${d}/${y}`, `${d}/${m}/${y}`, `${d}.${m}.${y}`, `${m}-${d}-${y}`, `${d}-${m}-${y}`];
}

/** Regex sources for one value: its words in order (any run of spaces, carets or commas between), and the other orders it is written in. */
function sources(v: IdentifyingValue): string[] {
  if (plainDate(v)) return dateForms(v.value).map(escape);
  const words = v.value.split(" ").filter(Boolean);
  const orders = [words];
  // "FAMILY GIVEN MIDDLE" is also written given-first ("John Smith", "John Paul Smith").
  if (v.from === "a person name" && words.length > 1) orders.push([...words.slice(1), words[0]]);
  return orders.map((o) => o.map(escape).join("[\\s^,]+"));
}

/**
 * Builds a scrubber for a file's identifying values: it returns the text with each occurrence
 * (whole words, any case) replaced by `SCRUB_MARKER`, or the same string when there is none.
 */
export function identityScrubber(values: readonly IdentifyingValue[]): (text: string) => string {
  if (values.length === 0) return (text) => text;
  // Built on first use: most files have no text outside the table that needs it.
  let keys: string[] | undefined;
  let re: RegExp | undefined;
  return (text) => {
    // A match holds the longest word of its form (every written form of a date holds its year):
    // a text holding none of them (most kept texts: "SIEMENS", "HFS") skips the regex, which
    // costs a try per character.
    keys ??= [...new Set(values.map((v) => (plainDate(v) ? v.value.slice(0, 4) : longestWord(v.value))))];
    const upper = text.toUpperCase();
    if (!keys.some((k) => upper.includes(k))) return text;
    re ??= new RegExp(`(?<![A-Za-z0-9_])(?:${[...new Set(values.flatMap(sources))].sort((a, b) => b.length - a.length).join("|")})(?![A-Za-z0-9_])`, "gi");
    return text.replace(re, SCRUB_MARKER);
  };
}

/** The longest word (a run of letters, digits or underscores, any script) of a form, upper-cased: the year of a date, the longer part of a name. */
const longestWord = (form: string): string =>
  form.toUpperCase().split(/[^\p{L}\p{N}_]+/u).reduce((a, b) => (b.length > a.length ? b : a), "");
