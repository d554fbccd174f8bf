// Recognizer "date-pattern": dates and clock times of any common layout, known to the header or not.
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import { lineMatches } from "../text-view.js";
import { isValidDate, monthFromWord } from "../dates.js";

const MON = String.raw`(?<![\p{L}])(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![\p{L}])`;
const SEP = String.raw`[\s\-\/.,]*`;
const ORD = String.raw`(?:st|nd|rd|th)?`;
const NB = String.raw`(?<![\p{N}])`;
const NA = String.raw`(?![\p{N}])`;

interface DatePattern {
  re: RegExp;
  /** Returns a score, or 0 when the groups do not form a plausible date. */
  score(g: string[]): number;
  what: string;
}

const year = (s: string): number => (s.length === 2 ? (Number(s) > 30 ? 1900 : 2000) + Number(s) : Number(s));

/** True when a, b (in either order as month/day) with year y form a real date. */
function eitherOrder(a: number, b: number, y: number): boolean {
  return isValidDate(y, a, b) || isValidDate(y, b, a);
}

const PATTERNS: DatePattern[] = [
  {
    // 08/04/1932, 4.8.1932, 1932-08-04, 08-04-32
    re: new RegExp(String.raw`(?<![\p{L}\p{N}.\/-])(\d{1,4})\s?([\/\-.])\s?(\d{1,2})\s?\2\s?(\d{2,4})(?![\p{L}\p{N}\/-]|\.\d)`, "gu"),
    score: (g) => {
      const [a, sep, b, c] = [g[1], g[2], g[3], g[4]];
      if (a.length === 4) return c.length <= 2 && eitherOrder(Number(b), Number(c), Number(a)) ? 0.85 : 0;
      if (a.length > 2 || c.length === 3) return 0;
      if (!eitherOrder(Number(a), Number(b), year(c))) return 0;
      if (c.length === 4) return 0.85;
      return sep === "." ? 0.45 : 0.6;
    },
    what: "numeric date",
  },
  {
    // 19320804 (YYYYMMDD), 08041932 (MMDDYYYY or DDMMYYYY)
    re: new RegExp(String.raw`${NB}(\d{8})${NA}`, "gu"),
    score: (g) => {
      const s = g[1];
      if (isValidDate(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6)))) return 0.6;
      const y = Number(s.slice(4));
      return y >= 1900 && y <= 2100 && eitherOrder(Number(s.slice(0, 2)), Number(s.slice(2, 4)), y) ? 0.5 : 0;
    },
    what: "compact eight-digit date",
  },
  {
    // 04 Aug 1932, 4-AUG-32, 23SEP1999, 4th August 1932
    re: new RegExp(String.raw`${NB}(\d{1,2})${ORD}${SEP}${MON}${SEP}(\d{4}|\d{2})${NA}`, "giu"),
    score: (g) => (isValidDate(year(g[3]), monthFromWord(g[2]), Number(g[1])) ? (g[3].length === 4 ? 0.85 : 0.75) : 0),
    what: "day, month name and year",
  },
  {
    // Aug 4 1932, August 4th, 1932
    re: new RegExp(String.raw`${MON}${SEP}(\d{1,2})${ORD}[\s,\-\/.]+(\d{4})${NA}`, "giu"),
    score: (g) => (isValidDate(Number(g[3]), monthFromWord(g[1]), Number(g[2])) ? 0.85 : 0),
    what: "month name, day and year",
  },
  {
    // 1999 Sep 23, 1999-SEP-23
    re: new RegExp(String.raw`${NB}(\d{4})${SEP}${MON}${SEP}(\d{1,2})${NA}`, "giu"),
    score: (g) => (isValidDate(Number(g[1]), monthFromWord(g[2]), Number(g[3])) ? 0.85 : 0),
    what: "year, month name and day",
  },
  {
    // Sep1999, September 1999
    re: new RegExp(String.raw`${MON}${SEP}(\d{4})${NA}`, "giu"),
    score: (g) => (Number(g[2]) >= 1800 && Number(g[2]) <= 2199 ? 0.6 : 0),
    what: "month name and year",
  },
  {
    // 1999 Sep
    re: new RegExp(String.raw`${NB}(\d{4})${SEP}${MON}`, "giu"),
    score: (g) => (Number(g[1]) >= 1800 && Number(g[1]) <= 2199 ? 0.55 : 0),
    what: "year and month name",
  },
  {
    // Sep 23 (no year)
    re: new RegExp(String.raw`${MON}\s*(\d{1,2})${ORD}${NA}`, "giu"),
    score: (g) => (isValidDate(2000, monthFromWord(g[1]), Number(g[2])) ? 0.5 : 0),
    what: "month name and day",
  },
];

const TIME_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}:.])([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(?:\s?([ap]\.?m\.?))?(?![\p{N}:])`,
  "giu",
);

/** Recognizer of dates (numeric, compact, with month names, partial) and clock times, from patterns alone. */
export const datePatternRecognizer: Recognizer = {
  name: "date-pattern",
  entities: ["DATE", "TIME"],
  analyze({ view }: RecognizerInput): Finding[] {
    const out: Finding[] = [];
    const text = view.resolved;
    for (const p of PATTERNS) {
      for (const m of lineMatches(text, p.re)) {
        const score = p.score([...m].map((s) => s ?? ""));
        if (score > 0) {
          out.push({ entity: "DATE", start: m.index, end: m.index + m[0].length, score, recognizer: "date-pattern",
            explanation: `${p.what} pattern` });
        }
      }
    }
    for (const m of lineMatches(text, TIME_RE)) {
      const withSeconds = m[3] !== undefined || m[4] !== undefined;
      out.push({ entity: "TIME", start: m.index, end: m.index + m[0].length, score: withSeconds ? 0.6 : 0.5,
        recognizer: "date-pattern", explanation: withSeconds ? "clock time with seconds or am/pm" : "clock time hh:mm" });
    }
    return out;
  },
};
