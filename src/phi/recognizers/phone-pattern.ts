// Recognizer "phone-pattern": telephone and fax numbers written with separators or a country code.
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import { lineMatches } from "../text-view.js";

const PHONE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:\+\d{1,3}[\s.\-]?)?(?:\(\d{2,4}\)\s?|\d{3}[\s.\-])\d{3,4}[\s.\-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\p{L}\p{N}]|[.\-]\d)`,
  "giu",
);
const INTL_RE = /(?<![\p{L}\p{N}])\+\d{1,3}(?:[\s.-]?\d{2,4}){2,4}(?![\p{L}\p{N}])/gu;

/** Recognizer of telephone numbers such as (555) 123-4567, 555.123.4567, +1-555-123-4567, +44 20 7946 0958. */
export const phonePatternRecognizer: Recognizer = {
  name: "phone-pattern",
  entities: ["PHONE"],
  analyze({ view }: RecognizerInput): Finding[] {
    const out: Finding[] = [];
    for (const m of lineMatches(view.resolved, PHONE_RE)) {
      out.push({ entity: "PHONE", start: m.index, end: m.index + m[0].length, score: 0.7, recognizer: "phone-pattern",
        explanation: "telephone-number pattern (area code and separators)" });
    }
    for (const m of lineMatches(view.resolved, INTL_RE)) {
      if (m[0].replace(/\D/g, "").length < 8) continue;
      out.push({ entity: "PHONE", start: m.index, end: m.index + m[0].length, score: 0.65, recognizer: "phone-pattern",
        explanation: "international telephone-number pattern" });
    }
    return out;
  },
};
