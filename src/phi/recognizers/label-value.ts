// Recognizer "label-value": the value written after a field label ("Name: ...", "DOB 01/02/1990", "Sex: F").
import type { EntityType, Finding, Recognizer, RecognizerInput } from "../types.js";
import type { Token, TextView } from "../text-view.js";
import { labelsOf, type LabelMatch } from "../labels.js";
import { isCapitalised, startsLine } from "../text-view.js";
import { monthFromWord, monthFromWordFuzzy } from "../dates.js";
import { isDigitLike } from "../ocr-fold.js";

const SEX_WORDS = new Set(["m", "f", "o", "u", "male", "female", "other", "unknown", "man", "woman", "w"]);
const MAX_VALUE_TOKENS = 10;

const AGE_UNITS = new Set(["y", "yr", "yrs", "year", "years", "yo", "m", "mo", "mos", "month", "months", "w", "wk", "wks",
  "week", "weeks", "d", "day", "days", "old"]);
const DATE_WORDS = new Set(["st", "nd", "rd", "th", "am", "pm", "h"]);

/** Keeps the tokens after a label that belong to a value of this kind ("MRN 123 call ..." keeps "123"). */
function valueExtent(entity: EntityType, value: Token[], view: TextView, allowed: readonly boolean[]): Token[] {
  const spaced = (k: number): boolean => /\s/.test(view.text.slice(value[k - 1].end, value[k].start));
  const stop = (k: number): boolean => /[;()[\]{}]/.test(view.text.slice(value[k - 1].end, value[k].start));
  // Digits, or confusables that OCR may have read for digits ("l6" for "16").
  const numeric = (k: number): boolean => k >= 0 && k < value.length && (value[k].numeric || (isDigitLike(value[k].text) && /\p{N}/u.test(value[k].text)));
  let n = 1;
  const take = (ok: (k: number) => boolean): void => {
    while (n < value.length && !stop(n) && ok(n)) n++;
  };
  switch (entity) {
    case "SEX":
      break;
    case "ID":
      take((k) => !spaced(k) || (numeric(k - 1) && numeric(k)));
      break;
    case "PHONE":
      take((k) => !spaced(k) || numeric(k));
      break;
    case "EMAIL":
      take((k) => !spaced(k));
      break;
    case "AGE":
      // "56 yrs", or a number OCR split in two ("5 1").
      take((k) => k === 1 && numeric(0) && (AGE_UNITS.has(value[1].lower) || (numeric(1) && value[0].lower.length + value[1].lower.length <= 3)));
      break;
    case "DATE": case "TIME": {
      // Digits, month names, ordinals, am/pm; OCR may split a month ("S ep") or glue it to digits ("ep23").
      const letters = (k: number): string => (k >= 0 && k < value.length ? value[k].lower.replace(/\p{N}+/gu, "") : "");
      const monthPiece = (k: number): boolean =>
        letters(k).length < 3 && (monthFromWord(letters(k) + letters(k + 1)) > 0 || monthFromWord(letters(k - 1) + letters(k)) > 0);
      // A three-letter word one letter off a month ("Sqp") counts between numbers.
      const nearMonth = (k: number): boolean => value[k].alpha && monthFromWordFuzzy(value[k].lower) > 0 &&
        (numeric(k - 1) || (k + 1 < value.length && numeric(k + 1)));
      // A month glued to a garbled day ("SepZ3"), or a short garbled number ("2x") between date parts.
      const monthThenDigits = (k: number): boolean => {
        const m = /^(\p{L}{3,9}?)([\p{L}\p{N}]*)$/u.exec(value[k].text);
        return !!m && monthFromWord(m[1]) > 0 && isDigitLike(m[2]) && /\p{N}/u.test(m[2]);
      };
      const shortGarbled = (k: number): boolean => value[k].text.length <= 2 && /\p{N}/u.test(value[k].text);
      take((k) => letters(k) === "" || numeric(k) || monthFromWord(letters(k)) > 0 || DATE_WORDS.has(letters(k)) ||
        monthPiece(k) || nearMonth(k) || monthThenDigits(k) || shortGarbled(k));
      break;
    }
    case "PERSON": {
      const caps = isCapitalised(value[0].resolved);
      // An allowed word ends the name unless it is an OCR fragment followed by more of the name ("AND REW").
      const fragment = (k: number): boolean => k + 1 < value.length && value[k + 1].alpha && !allowed[value[k + 1].index];
      take((k) => value[k].alpha && (!allowed[value[k].index] || fragment(k)) && (!caps || isCapitalised(value[k].resolved)) && k < 5);
      break;
    }
    default:
      take(() => true);
  }
  return value.slice(0, n);
}

/** True when the value tokens have the shape this kind of label announces. */
function plausible(entity: EntityType, value: Token[], raw: string): boolean {
  const hasDigit = value.some((t) => /\p{N}/u.test(t.resolved) || /\p{N}/u.test(t.text));
  const hasLetter = value.some((t) => /\p{L}/u.test(t.resolved));
  switch (entity) {
    case "DATE": case "TIME": case "AGE": case "PHONE":
      return hasDigit;
    case "ID":
      return hasDigit && raw.replace(/[^\p{L}\p{N}]/gu, "").length >= 3;
    case "SEX":
      // A sex code, or any short word where one is expected (an OCR-garbled "F").
      return SEX_WORDS.has(value[0].lower) || (value[0].lower.length <= 2 && value.length === 1);
    case "EMAIL":
      return raw.includes("@");
    default:
      return hasLetter;
  }
}

/** True when the value tokens run to the end of their line (the field is the last one on it). */
function endsLine(value: Token[], toks: readonly Token[]): boolean {
  const last = value[value.length - 1];
  return last.index + 1 >= toks.length || toks[last.index + 1].line !== last.line;
}

/** A label at line start without ":" whose next one or two short words end in ":" is a label with garbled words ("Institution N aje:"). */
function garbledTail(view: TextView, m: LabelMatch): LabelMatch & { garbled?: boolean } {
  const toks = view.tokens;
  for (let k = m.last + 1; k <= m.last + 2 && k < toks.length && toks[k].line === toks[m.first].line; k++) {
    if (toks[k].text.length > 5 || !/^\s?$/.test(view.text.slice(toks[k - 1].end, toks[k].start))) break;
    const nextStart = k + 1 < toks.length ? toks[k + 1].start : view.text.length;
    if (/^\s*[:#=]/.test(view.text.slice(toks[k].end, nextStart))) return { ...m, last: k, marked: true, garbled: true };
  }
  return m;
}

/** The likely kind of a value from its shape alone. */
function guessEntity(value: Token[], view: TextView): EntityType {
  const raw = view.text.slice(value[0].start, value[value.length - 1].end);
  if (value.some((t) => monthFromWord(t.lower) > 0) || /\d[/.-]\d{1,2}[/.-]\d/.test(raw)) return "DATE";
  if (value.length === 1 && value[0].alpha && value[0].lower.length <= 2) return "SEX";
  if (value.every((t) => t.numeric) && raw.replace(/\D/g, "").length <= 3) return "AGE";
  if (value.some((t) => /\p{N}/u.test(t.text))) return "ID";
  return "PERSON";
}

/** Recognizer of values announced by a label on the same line; the label itself is never reported. */
export const labelValueRecognizer: Recognizer = {
  name: "label-value",
  entities: ["PERSON", "DATE", "TIME", "ID", "AGE", "SEX", "INSTITUTION", "ADDRESS", "PHONE", "EMAIL"],
  analyze({ view, allowList, allowed }: RecognizerInput): Finding[] {
    const toks = view.tokens;
    const labels: Array<LabelMatch & { garbled?: boolean }> = [];
    const found = labelsOf(view);
    for (let i = 0; i < toks.length; i++) {
      let m: (LabelMatch & { garbled?: boolean }) | undefined = found[i];
      if (!m) continue;
      if (!m.marked && startsLine(view, i)) m = garbledTail(view, m);
      // A label starts a field: at line start or after a space or field separator, not glued to a word ("G1.1D#").
      if (i > 0 && toks[i - 1].line === toks[i].line && !/[\s,;|(]/.test(view.text.slice(toks[i - 1].end, toks[i].start))) continue;
      // A label counts when followed by ":" (or "#", "="), or when a strong label starts its line.
      if (m.marked || (m.label.strong && startsLine(view, i))) {
        labels.push(m);
        i = m.last;
      }
    }
    const out: Finding[] = [];
    for (let n = 0; n < labels.length; n++) {
      const m = labels[n];
      const line = toks[m.first].line;
      const nextLabel = n + 1 < labels.length && labels[n + 1].label && toks[labels[n + 1].first].line === line && labels[n + 1].marked
        ? labels[n + 1].first : Infinity;
      const value: Token[] = [];
      for (let k = m.last + 1; k < toks.length && k < nextLabel && toks[k].line === line && value.length < MAX_VALUE_TOKENS; k++) {
        value.push(toks[k]);
      }
      if (value.length === 0) continue;
      // A weak label whose last word OCR garbled ("Patient 1J:") says a field follows, not which: guess from the value.
      const entity = m.garbled && !m.label.strong ? guessEntity(value, view) : m.label.entity;
      // A short rest of line with no clinical word is the whole value, however OCR garbled it ("Name: BEAS L3Y ANDREW").
      const restOfLine = endsLine(value, toks) && value.length <= 4 && value.slice(1).every((t) => !allowed[t.index]);
      if (!(restOfLine && entity !== "SEX")) value.splice(valueExtent(entity, value, view, allowed).length);
      const start = value[0].start;
      const end = value[value.length - 1].end;
      const raw = view.text.slice(start, end);
      if (!plausible(entity, value, raw)) continue;
      if ((entity === "PERSON" || entity === "INSTITUTION") && allowList.coversPhrase(raw)) continue;
      out.push({ entity, start, end, score: m.garbled ? 0.6 : m.marked ? 0.75 : 0.65, recognizer: "label-value",
        explanation: `value after a "${m.label.words.join(" ")}" label${m.garbled ? " and an unreadable label word" : ""}${m.marked ? " and separator" : " at line start"}` });
    }
    return out;
  },
};
