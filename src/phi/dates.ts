// Calendar helpers: DICOM DA/TM parsing, month names, and every common spelling of a known date.

/** English month names, January first. */
export const MONTH_NAMES = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];

/** A calendar date (month 1-12). */
export interface YMD {
  y: number;
  m: number;
  d: number;
}

/** True when y-m-d is a real calendar date between 1800 and 2199. */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || y < 1800 || y > 2199 || m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

/** Parses a DA ("19991231"), the date part of a DT, or the old "1999.12.31" form; undefined when not a date. */
export function parseDicomDate(value: string): YMD | undefined {
  const m = /^\s*(\d{4})\.?(\d{2})\.?(\d{2})/.exec(value);
  if (!m) return undefined;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValidDate(ymd.y, ymd.m, ymd.d) ? ymd : undefined;
}

/** Parses a TM ("235959.123", "2359", old "23:59:59") into hours, minutes and optional seconds. */
export function parseDicomTime(value: string): { h: number; min: number; s?: number } | undefined {
  const m = /^\s*(\d{2}):?(\d{2})(?::?(\d{2}))?/.exec(value);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] === undefined ? undefined : Number(m[3]);
  if (h > 23 || min > 59 || (s !== undefined && s > 60)) return undefined;
  return { h, min, s };
}

/** Month number (1-12) of an English month name or abbreviation ("Sep", "Sept", "september"), else 0. */
export function monthFromWord(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return 0;
  for (let i = 0; i < 12; i++) {
    const name = MONTH_NAMES[i];
    if (name.startsWith(w)) return i + 1;
  }
  return w === "sept" ? 9 : 0;
}

/** Like monthFromWord, but a three-letter word may differ from a month abbreviation by one letter ("Sqp"); 0 if none or ambiguous. */
export function monthFromWordFuzzy(word: string): number {
  const exact = monthFromWord(word);
  if (exact || word.length !== 3) return exact;
  const w = word.toLowerCase();
  const hits = MONTH_NAMES.map((n, i) => ({ i, diff: [...n.slice(0, 3)].filter((c, k) => c !== w[k]).length })).filter((x) => x.diff === 1);
  return hits.length === 1 ? hits[0].i + 1 : 0;
}

/** One way of writing a date, as the letters/digits it contains, and how many tokens it must span at least. */
export interface DateSpelling {
  compact: string;
  minTokens: number;
  /** Month and year only (weaker evidence). */
  partial: boolean;
}

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * Every common spelling of a date, separators removed: 08/04/1932, 8/4/1932, 04.08.1932, 1932-08-04,
 * 19320804, 04-Aug-1932, Aug 4 1932, 1932 Aug 04, August 4, 1932, two-digit years, and month-year forms.
 * Forms that are ambiguous without their separators (unpadded, two-digit years) must span 3 tokens.
 */
export function dateSpellings(date: YMD): DateSpelling[] {
  const { y, m, d } = date;
  const Y = String(y);
  const yy = Y.slice(2);
  const mm = pad(m);
  const dd = pad(d);
  const ms = String(m);
  const ds = String(d);
  const out = new Map<string, DateSpelling>();
  const add = (compact: string, minTokens: number, partial = false): void => {
    const key = compact.toLowerCase();
    const prev = out.get(key);
    if (!prev || prev.minTokens > minTokens) out.set(key, { compact: key, minTokens, partial });
  };
  // Numeric: padded 4-digit-year forms are distinctive even without separators.
  add(mm + dd + Y, 1);
  add(dd + mm + Y, 1);
  add(Y + mm + dd, 1);
  for (const [a, b] of [[ms, ds], [mm, ds], [ms, dd]]) {
    add(a + b + Y, 3);
    add(b + a + Y, 3);
    add(Y + a + b, 3);
  }
  for (const [a, b] of [[mm, dd], [ms, ds], [mm, ds], [ms, dd]]) {
    add(a + b + yy, 3);
    add(b + a + yy, 3);
    add(yy + a + b, 3);
  }
  // Month names: abbreviations, "Sept", full names.
  const name = MONTH_NAMES[m - 1];
  const names = new Set([name.slice(0, 3), name]);
  if (m === 9) names.add("sept");
  for (const mon of names) {
    for (const day of new Set([dd, ds])) {
      add(day + mon + Y, 2);
      add(mon + day + Y, 2);
      add(Y + mon + day, 2);
      add(day + mon + yy, 3);
      add(mon + day + yy, 3);
      for (const suffix of ["st", "nd", "rd", "th"]) add(mon + day + suffix + Y, 3);
    }
    add(mon + Y, 1, true);
    add(Y + mon, 2, true);
    add(mon + yy, 2, true);
  }
  add(mm + Y, 2, true);
  add(Y + mm, 2, true);
  return [...out.values()];
}
