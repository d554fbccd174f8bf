// Name lexicons (first names, surnames by frequency rank), loaded lazily from the generated module.
import { FIRST_NAMES_TEXT, SURNAMES_TEXT } from "./generated/lexicons.js";

let firstNames: Set<string> | undefined;
let surnameRanks: Map<string, number> | undefined;

function load(): void {
  if (firstNames && surnameRanks) return;
  firstNames = new Set(FIRST_NAMES_TEXT.split("\n"));
  surnameRanks = new Map();
  SURNAMES_TEXT.split("\n").forEach((w, i) => surnameRanks!.set(w, i + 1));
}

/** True when the word (any case) is a known first name. */
export function isFirstName(word: string): boolean {
  load();
  return firstNames!.has(word.toLowerCase());
}

/** Frequency rank of the word as a surname (1 = most common), or 0 when not a known surname. */
export function surnameRank(word: string): number {
  load();
  return surnameRanks!.get(word.toLowerCase()) ?? 0;
}

/** Sizes of the loaded lexicons, for reports. */
export function lexiconSizes(): { firstNames: number; surnames: number } {
  load();
  return { firstNames: firstNames!.size, surnames: surnameRanks!.size };
}
