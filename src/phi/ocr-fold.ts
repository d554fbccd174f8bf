// OCR-confusable characters: a same-length "resolved" view of text and a skeleton for fuzzy equality.

/** Letters OCR often reads for digits, and the digit meant. */
const LETTER_TO_DIGIT: Record<string, string> = {
  O: "0", o: "0", Q: "0", I: "1", l: "1", i: "1", "|": "1", S: "5", s: "5", B: "8", Z: "2", z: "2", G: "6", b: "6", g: "9", q: "9",
};

/** Digits OCR often reads for letters, and the letter meant (upper case; case is fixed up by neighbours). */
const DIGIT_TO_LETTER: Record<string, string> = { "0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G" };

type Kind = "L" | "D" | "A" | "X";

function kindOf(c: string): Kind {
  if (c in LETTER_TO_DIGIT || c in DIGIT_TO_LETTER) return "A";
  if (c >= "0" && c <= "9") return "D";
  if (/\p{L}/u.test(c)) return "L";
  return "X";
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/** True when the character next to i in direction dir is a digit (digit pairs such as "12" stay digits). */
function adjacentDigit(chars: string[], i: number, dir: 1 | -1): boolean {
  const c = chars[i + dir];
  return c !== undefined && isDigit(c);
}

/** Resolves one run of letters/digits: each ambiguous character takes the kind of its nearest unambiguous neighbours. */
function resolveRun(run: string, numericNeighbour: boolean): string {
  const chars = [...run];
  const kinds = chars.map(kindOf);
  if (!kinds.includes("A")) return run;
  const fixed = kinds.filter((k) => k !== "A");
  let allKind: "L" | "D" | undefined;
  if (fixed.length === 0) {
    // Only confusables: follow the majority; on a tie ("0B", "O8") use digits inside a numeric
    // construct ("O8/O4/1932"), else keep every character as it is.
    const digits = chars.filter(isDigit).length;
    if (digits * 2 === chars.length && !numericNeighbour) return run;
    allKind = digits * 2 >= chars.length ? "D" : "L";
  }
  const upper = chars.filter((c) => /\p{Lu}/u.test(c)).length >= chars.filter((c) => /\p{Ll}/u.test(c)).length;
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (kinds[i] !== "A") { out.push(c); continue; }
    let target: "L" | "D";
    if (allKind) target = allKind;
    else {
      let left: Kind | undefined;
      let right: Kind | undefined;
      for (let j = i - 1; j >= 0; j--) if (kinds[j] !== "A") { left = kinds[j]; break; }
      for (let j = i + 1; j < chars.length; j++) if (kinds[j] !== "A") { right = kinds[j]; break; }
      if (left && right && left !== right) target = isDigit(c) ? "D" : "L";
      else if (isDigit(c) && (!left || !right) && (adjacentDigit(chars, i, 1) || adjacentDigit(chars, i, -1))) target = "D";
      else target = (left ?? right) === "D" ? "D" : "L";
    }
    if (target === "D") out.push(isDigit(c) ? c : LETTER_TO_DIGIT[c] ?? c);
    else if (!isDigit(c)) out.push(c === "|" ? "I" : c);
    else {
      const l = DIGIT_TO_LETTER[c] ?? c;
      out.push(upper ? l : l.toLowerCase());
    }
  }
  const joined = out.join("");
  return joined.length === run.length ? joined : run;
}

/**
 * Same-length copy of `text` in which OCR-confusable characters (O/0, I/l/1, S/5, B/8, Z/2, G/6) inside
 * each letter/digit run are resolved to the kind of their neighbours: "O8/O4/l932" -> "08/04/1932",
 * "5EXT0N" -> "SEXTON". Offsets stay valid because every character maps to exactly one character.
 */
export function resolveConfusables(text: string): string {
  const digitish = (c: string | undefined): boolean => c !== undefined && (isDigit(c) || c in LETTER_TO_DIGIT);
  return text.replace(/[\p{L}\p{N}|]+/gu, (run: string, at: number) => {
    if (run.length !== [...run].length) return run;
    const end = at + run.length;
    const numericNeighbour = (/[/.:-]/.test(text[at - 1] ?? "") && digitish(text[at - 2])) ||
      (/[/.:-]/.test(text[end] ?? "") && digitish(text[end + 1]));
    return resolveRun(run, numericNeighbour);
  });
}

/** True when every character is a digit or a letter OCR confuses with one ("l6", "O8", "2O01"). */
export function isDigitLike(s: string): boolean {
  return s.length > 0 && [...s].every((c) => isDigit(c) || c in LETTER_TO_DIGIT);
}

/** Skeleton class of each confusable character: characters OCR mixes up share one symbol. */
const SKELETON: Record<string, string> = {
  o: "o", "0": "o", q: "o",
  i: "i", l: "i", "1": "i", j: "i", "|": "i", "!": "i",
  s: "s", "5": "s", $: "s",
  b: "b", "8": "b",
  z: "z", "2": "z",
  g: "g", "6": "g",
};

/**
 * Case-folded, accent-stripped letters and digits only, with OCR-confusable characters merged
 * ("O"="0", "I"="l"="1", "S"="5", "B"="8", "Z"="2", "G"="6"): equal skeletons mean "the same up to OCR noise".
 */
export function skeleton(text: string): string {
  const base = text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  let out = "";
  for (const c of base) {
    const m = SKELETON[c];
    if (m !== undefined) out += m;
    else if (/[\p{L}\p{N}]/u.test(c)) out += c;
  }
  return out;
}
