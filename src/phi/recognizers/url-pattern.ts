// Recognizer "url-pattern": web addresses.
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import { lineMatches } from "../text-view.js";

const URL_RE = /(?<![\p{L}\p{N}@])(?:(?:https?|ftp):\/\/[^\s<>"]+|www\.[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:\/[^\s<>"]*)?|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|edu|gov|io|health|info)(?:\/[^\s<>"]*)?)(?![\p{L}\p{N}@])/giu;

/** Recognizer of URLs (scheme://..., www...., name.com/...). */
export const urlPatternRecognizer: Recognizer = {
  name: "url-pattern",
  entities: ["URL"],
  analyze({ view }: RecognizerInput): Finding[] {
    const out: Finding[] = [];
    for (const m of lineMatches(view.text, URL_RE)) {
      const s = m[0].replace(/[.,;:)]+$/, "");
      out.push({ entity: "URL", start: m.index, end: m.index + s.length, score: /^(https?|ftp):|^www\./i.test(s) ? 0.85 : 0.6,
        recognizer: "url-pattern", explanation: "web address pattern" });
    }
    return out;
  },
};
