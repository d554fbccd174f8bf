// Evaluating rule conditions against a dataset, with a trace that says why (never values).
import type { Dataset } from "../../core/dataset.js";
import type { Element } from "../../core/element.js";
import { isStringVR } from "../../core/vr.js";
import { resolve } from "../../dataset/edit.js";
import { elementNumbers, elementText } from "../../dataset/values.js";
import type { AttributeTest, Condition } from "./rules.js";

/** One attribute test as evaluated: where it is in the rules, what it tested, whether it held. */
export interface ConditionTrace {
  /** Line of the test in the rules file. */
  readonly line: number;
  readonly tag: string;
  readonly op: AttributeTest["op"];
  /** Whether the attribute was present with a value. */
  readonly present: boolean;
  readonly result: boolean;
}

/** The values of every element the path names: its text split at backslashes, or its numbers. */
function valuesAt(ds: Dataset, test: AttributeTest): { texts: string[]; whole: string[] } | undefined {
  const texts: string[] = [];
  const whole: string[] = [];
  let found = false;
  for (const loc of resolve(ds, test.steps)) {
    const el: Element | undefined = loc.dataset.get(loc.tag);
    if (!el || el.items || el.fragments) continue;
    let text: string | undefined;
    if (isStringVR(el.vr)) text = elementText(el, loc.dataset);
    else {
      const numbers = elementNumbers(el, loc.dataset);
      if (numbers.length) text = numbers.join("\\");
    }
    if (text === undefined || text === "") continue;
    found = true;
    whole.push(text);
    texts.push(...text.split("\\").map((s) => s.trim()));
  }
  return found ? { texts, whole } : undefined;
}

/** Whether any element the path names has items, fragments, or a value that is not just padding. */
function presentAt(ds: Dataset, test: AttributeTest): boolean {
  const nested = resolve(ds, test.steps).some((loc) => {
    const el = loc.dataset.get(loc.tag);
    if (!el) return false;
    return (el.items?.length ?? 0) > 0 || (el.fragments?.length ?? 0) > 0 || (!isStringVR(el.vr) && (el.value?.length ?? 0) > 0);
  });
  return nested || valuesAt(ds, test) !== undefined;
}

function attributeHolds(ds: Dataset, test: AttributeTest): { present: boolean; result: boolean } {
  if (test.op === "present") {
    const present = presentAt(ds, test);
    return { present, result: present === test.values[0] };
  }
  const got = valuesAt(ds, test);
  if (!got) return { present: false, result: false };
  const fold = (s: string): string => (test.ignoreCase ? s.toLowerCase() : s);
  let result: boolean;
  if (test.op === "equals") {
    result = test.values.some((want) =>
      typeof want === "number"
        ? got.texts.some((t) => t !== "" && Number(t) === want)
        : [...got.texts, ...got.whole].some((t) => fold(t) === fold(String(want))),
    );
  } else if (test.op === "contains") {
    result = got.whole.some((t) => fold(t).includes(fold(String(test.values[0]))));
  } else {
    result = got.whole.some((t) => test.regex!.test(t));
  }
  return { present: true, result };
}

/**
 * Whether the condition holds for the dataset (top level, or nested via paths such as
 * "SequenceOfUltrasoundRegions[*].RegionDataType": any element named matches). Every attribute
 * test evaluated is appended to `trace`; "and" and "or" stop at the first decisive test.
 * equals: a value (of a multi-valued attribute, any value; or the whole text) is equal, numbers
 * compared as numbers; contains: the text holds the string; regex: the text matches.
 */
export function evaluateCondition(ds: Dataset, condition: Condition, trace: ConditionTrace[] = []): boolean {
  switch (condition.kind) {
    case "and":
      return condition.all.every((c) => evaluateCondition(ds, c, trace));
    case "or":
      return condition.all.some((c) => evaluateCondition(ds, c, trace));
    case "not":
      return !evaluateCondition(ds, condition.inner, trace);
    default: {
      const { present, result } = attributeHolds(ds, condition);
      trace.push({ line: condition.line, tag: condition.path, op: condition.op, present, result });
      return result;
    }
  }
}
