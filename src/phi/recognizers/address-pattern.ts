// Recognizer "address-pattern": postal addresses (number + street word, "City, ST 12345", PO boxes).
import type { Finding, Recognizer, RecognizerInput } from "../types.js";
import { lineMatches } from "../text-view.js";
import { US_STATES } from "../org-words.js";

const STREET_SUFFIX = String.raw`(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|square|sq|plaza|plz|alley|crossing|ridge|route|rte|loop|pike|turnpike|trafficway|row|walk|path|point|heights|park|grove|gardens|manor|estates|view|vista|crescent|close|mews|wharf|quay|commons|junction|harbor|haven|landing|meadows?|mills?|port|ranch|springs?|summit|valley|village|wells?|strasse|straße|weg|rue|via|calle)`;
const CAP_WORD = String.raw`(?:\p{Lu}[\p{L}'’-]*|\d+(?:st|nd|rd|th))`;
const STREET_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\d{1,6}[A-Za-z]?\s+((?:${CAP_WORD}\s+){1,4})${STREET_SUFFIX}\.?(?![\p{L}\p{N}])` +
    String.raw`(?:\s+(?:north|south|east|west|n|s|e|w|ne|nw|se|sw)\.?(?![\p{L}\p{N}]))?` +
    String.raw`(?:,?\s+(?:suite|ste|apt|apartment|unit|#|no\.?|room|rm|floor|fl)\.?\s*#?\s*[\p{L}\p{N}-]+)?`,
  "giu",
);
const CITY_STATE_ZIP_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*,?\s+(\p{Lu}{2})\.?\s+\d{5}(?:-\d{4})?(?![\p{L}\p{N}])`,
  "gu",
);
const PO_BOX_RE = /(?<![\p{L}\p{N}])p\.?\s?o\.?\s+box\s+\d+(?![\p{L}\p{N}])/giu;

/** Recognizer of postal-address fragments; the street line needs a house number and a street-type word. */
export const addressPatternRecognizer: Recognizer = {
  name: "address-pattern",
  entities: ["ADDRESS"],
  analyze({ view, allowList }: RecognizerInput): Finding[] {
    const out: Finding[] = [];
    const text = view.resolved;
    for (const m of lineMatches(text, STREET_RE)) {
      // "3 Chamber View" is not an address: the street name needs a capitalised word that is not clinical vocabulary.
      const nameWords = m[1].trim().split(/\s+/);
      if (!nameWords.some((w) => /^\p{Lu}/u.test(w) && !allowList.hasWord(w))) continue;
      out.push({ entity: "ADDRESS", start: m.index, end: m.index + m[0].length, score: 0.7, recognizer: "address-pattern",
        explanation: "house number followed by a street-type word" });
    }
    for (const m of lineMatches(text, CITY_STATE_ZIP_RE)) {
      if (!US_STATES.has(m[1])) continue;
      out.push({ entity: "ADDRESS", start: m.index, end: m.index + m[0].length, score: 0.8, recognizer: "address-pattern",
        explanation: "city, state code and ZIP code" });
    }
    for (const m of lineMatches(text, PO_BOX_RE)) {
      out.push({ entity: "ADDRESS", start: m.index, end: m.index + m[0].length, score: 0.8, recognizer: "address-pattern",
        explanation: "post-office box" });
    }
    return out;
  },
};
