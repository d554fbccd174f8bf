// Choosing the rectangles to redact in a file: the explicit ones plus those of the first region
// rule that matches, with an explanation of every rule's outcome (never header values).
import { tag } from "../../core/tag.js";
import { getNumber } from "../../dataset/values.js";
import type { DicomFile } from "../../io/read/read-file.js";
import type { Rect } from "../types.js";
import { evaluateCondition, type ConditionTrace } from "./conditions.js";
import type { RegionRule, RegionRules } from "./rules.js";
import { complementRects, ultrasoundRegions } from "./ultrasound.js";

/** A rule as named in results: its index in the file, its name and line. */
export interface RuleRef {
  readonly index: number;
  readonly name: string;
  readonly line: number;
}

/** How one rule fared against a file. */
export interface RuleOutcome extends RuleRef {
  readonly matched: boolean;
  /** The attribute tests evaluated, in order. */
  readonly tests: readonly ConditionTrace[];
  /** Why a rule whose condition held still did not apply (e.g. no ultrasound regions). */
  readonly note?: string;
}

/** Every rule's outcome, and the one that applies (the first that matched). */
export interface RegionExplanation {
  readonly matchedRule?: RuleRef;
  readonly rules: readonly RuleOutcome[];
}

/** What regionsFor returns: rectangles for every frame, and the rule that contributed. */
export interface Regions {
  readonly rects: Rect[];
  readonly matchedRule?: RuleRef;
}

function imageSize(file: DicomFile): { width: number; height: number } {
  return { width: getNumber(file.dataset, tag(0x0028, 0x0011)) ?? 0, height: getNumber(file.dataset, tag(0x0028, 0x0010)) ?? 0 };
}

/** A rule's rectangles for a file, or a note when a matching rule cannot apply. */
function ruleRects(file: DicomFile, rule: RegionRule): { rects: Rect[]; note?: string } {
  const rects = [...rule.redact];
  if (rule.keepUltrasoundRegions) {
    const keep = ultrasoundRegions(file.dataset);
    if (keep.length === 0) return { rects: [], note: "no usable Sequence of Ultrasound Regions (0018,6011): rule skipped" };
    const { width, height } = imageSize(file);
    rects.push(...complementRects(keep, width, height));
  }
  return { rects };
}

function evaluate(file: DicomFile, rules: RegionRules, all: boolean): { outcomes: RuleOutcome[]; matched?: { rule: RegionRule; rects: Rect[] } } {
  const outcomes: RuleOutcome[] = [];
  let matched: { rule: RegionRule; rects: Rect[] } | undefined;
  for (const rule of rules.rules) {
    if (matched && !all) break;
    const tests: ConditionTrace[] = [];
    const holds = rule.when ? evaluateCondition(file.dataset, rule.when, tests) : true;
    let note: string | undefined;
    let applies = holds;
    if (holds) {
      const r = ruleRects(file, rule);
      note = r.note;
      applies = note === undefined;
      if (applies && !matched) matched = { rule, rects: r.rects };
    }
    outcomes.push({ index: rule.index, name: rule.name, line: rule.line, matched: applies, tests, ...(note ? { note } : {}) });
  }
  return { outcomes, matched };
}

const ref = (r: RegionRule): RuleRef => ({ index: r.index, name: r.name, line: r.line });

/**
 * The rectangles to redact in every frame of a file: `rects` (e.g. from --redact-region) plus
 * those of the first rule whose condition holds (first match wins). A rule with
 * keepUltrasoundRegions adds every rectangle outside the ultrasound data areas; without
 * usable regions such a rule does not apply and the next rule is tried.
 */
export function regionsFor(file: DicomFile, options: { rects?: readonly Rect[]; rules?: RegionRules }): Regions {
  const rects = [...(options.rects ?? [])];
  if (!options.rules) return { rects };
  const { matched } = evaluate(file, options.rules, false);
  if (!matched) return { rects };
  return { rects: [...rects, ...matched.rects], matchedRule: ref(matched.rule) };
}

/** Evaluates every rule against a file and says which one applies and why: tests, results, presence; never values. */
export function explainRegions(file: DicomFile, rules: RegionRules): RegionExplanation {
  const { outcomes, matched } = evaluate(file, rules, true);
  return { matchedRule: matched ? ref(matched.rule) : undefined, rules: outcomes };
}
