// Recognizer "age-pattern": ages written with a unit ("72 yrs", "72Y", "072Y", "6 mo", "72-year-old").
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import { lineMatches } from "../text-view.js";

const AGE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.])(\d{1,3})\s?-?\s?(years?|yrs|yr|yo|y\/o|y\.o\.|y|months?|mos|mo|weeks?|wks?|days?)([\s-]?old)?(?![\p{L}\p{N}])`,
  "giu",
);
const DICOM_AS_RE = /(?<![\p{L}\p{N}])0\d{2}[YMWD](?![\p{L}\p{N}])/gu;

/** Recognizer of ages with a unit; ages over 89 score higher (HIPAA groups them as identifying). */
export const agePatternRecognizer: Recognizer = {
  name: "age-pattern",
  entities: ["AGE"],
  analyze({ view }: RecognizerInput): Finding[] {
    const out: Finding[] = [];
    for (const m of lineMatches(view.resolved, AGE_RE)) {
      const n = Number(m[1]);
      const years = /^y/i.test(m[2]);
      if (years ? n > 130 : m[3] === undefined) continue;
      out.push({ entity: "AGE", start: m.index, end: m.index + m[0].length, score: years && n > 89 ? 0.8 : 0.6,
        recognizer: "age-pattern", explanation: `number followed by an age unit${years && n > 89 ? " (over 89)" : ""}` });
    }
    for (const m of lineMatches(view.resolved, DICOM_AS_RE)) {
      out.push({ entity: "AGE", start: m.index, end: m.index + m[0].length, score: 0.7, recognizer: "age-pattern",
        explanation: "DICOM age string (nnnY/M/W/D)" });
    }
    return out;
  },
};
