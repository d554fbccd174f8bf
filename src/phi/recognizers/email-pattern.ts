// Recognizer "email-pattern": e-mail addresses.
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import { lineMatches } from "../text-view.js";

const EMAIL_RE = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

/** Recognizer of e-mail addresses (local@domain.tld). */
export const emailPatternRecognizer: Recognizer = {
  name: "email-pattern",
  entities: ["EMAIL"],
  analyze({ view }: RecognizerInput): Finding[] {
    return [...lineMatches(view.text, EMAIL_RE)].map((m) => ({
      entity: "EMAIL" as const, start: m.index, end: m.index + m[0].length, score: 0.95, recognizer: "email-pattern",
      explanation: "e-mail address pattern",
    }));
  },
};
