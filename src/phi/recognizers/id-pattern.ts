// Recognizer "id-pattern": SSNs, long digit runs and MRN/accession-like letter+digit codes.
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import { lineMatches } from "../text-view.js";
import type { TextView } from "../text-view.js";

const ID_CUES = new Set(["id", "mrn", "mr", "acc", "accession", "no", "nr", "number", "patient", "pat", "pt", "ssn",
  "record", "exam", "study", "case", "visit", "encounter", "order", "req", "chart", "account", "acct"]);

/** Units and device codes that look like IDs but are not ("512x512", "120kV", "B30f"). */
const NOT_ID = /^((?:\d+(?:x|k?v|kvp|ma|mas|mm|cm|hz|khz|mhz|db|hu|ms|s|fps|bpm|mgy|px|dpi|bit|bits|gb|mb|kb))+\d*|[a-z]\d{1,2}[a-z]?|t[12]\w*)$/i;

const SSN_RE = /(?<![\p{L}\p{N}-])\d{3}[- ]\d{2}[- ]\d{4}(?![\p{L}\p{N}]|-\d)/gu;
const DIGIT_RUN_RE = /(?<![\p{L}\p{N}.,])\d{5,}(?![\p{L}\p{N}]|[.,]\d)/gu;
/** Letters and digits mixed: MRN/accession-like codes (AB123456, 186B7928, 12-3456-7). */
const CODE_RE = /(?<![\p{L}\p{N}])(?=[\p{L}\p{N}-]*\p{N})(?=[\p{L}\p{N}-]*\p{L})[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*(?![\p{L}\p{N}])/gu;

function cueBefore(view: TextView, start: number): boolean {
  const toks = view.tokens;
  // Binary search for the first token ending after `start`; the one before it is the candidate cue.
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end > start) hi = mid;
    else lo = mid + 1;
  }
  let k = lo - 1;
  for (let n = 0; n < 2 && k >= 0; n++, k--) {
    if (ID_CUES.has(toks[k].lower)) return true;
    if (!/^[\s:#=.-]*$/.test(view.text.slice(toks[k].end, n === 0 ? start : toks[k + 1].start))) return false;
  }
  return view.text.slice(Math.max(0, start - 3), start).includes("#");
}

/** Recognizer of identifier-shaped strings; scores rise after cues such as "MRN", "ID", "Acc", "#". */
export const idPatternRecognizer: Recognizer = {
  name: "id-pattern",
  entities: ["ID"],
  analyze({ view, allowList }: RecognizerInput): Finding[] {
    const out: Finding[] = [];
    const text = view.resolved;
    const push = (start: number, end: number, base: number, what: string): void => {
      const cued = cueBefore(view, start);
      out.push({ entity: "ID", start, end, score: Math.min(1, base + (cued ? 0.3 : 0)), recognizer: "id-pattern",
        explanation: `${what}${cued ? ", after an identifier cue" : ""}` });
    };
    for (const m of lineMatches(text, SSN_RE)) {
      push(m.index, m.index + m[0].length, 0.8, "SSN-shaped number");
    }
    for (const m of lineMatches(text, DIGIT_RUN_RE)) {
      const n = m[0].length;
      push(m.index, m.index + n, n >= 7 ? 0.6 : 0.3, `run of ${n >= 7 ? "7 or more" : "5-6"} digits`);
    }
    for (const m of lineMatches(text, CODE_RE)) {
      const s = m[0];
      const digits = s.replace(/\D/g, "").length;
      const letters = s.replace(/[^\p{L}]/gu, "").length;
      // Identifiers carry a run of four digits or more (AB123456, 186B7928); device
      // readouts put short numbers around letters (ultrasound gain and power: 630P630, 44CG43, 78DR78).
      if (s.length < 6 || !/\d{4}/.test(s) || NOT_ID.test(s) || allowList.hasWord(s)) continue;
      push(m.index, m.index + s.length, letters <= 3 && digits >= 5 ? 0.5 : 0.4, "letter-and-digit code");
    }
    return out;
  },
};
