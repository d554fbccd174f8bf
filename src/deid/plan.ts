import type { Dataset } from "../core/dataset.js";
import type { Element } from "../core/element.js";
import { tag as makeTag, tagGroup, isPrivateTag, formatTag, type Tag } from "../core/tag.js";
import { formatTagPath, type PathStep } from "../core/tag-path.js";
import { isStringVR } from "../core/vr.js";
import { lookupTag } from "../dictionary/index.js";
import type { Location } from "../dataset/edit.js";
import { privateCreatorOf } from "../dataset/values.js";
import type { Decision } from "../actions/types.js";
import { decide, NOT_IN_TABLE, type DecideOptions, type ElementFacts } from "../profile/decide.js";

/** One planned action: where, on which element, what and why. */
export interface PlanEntry {
  loc: Location;
  element: Element;
  decision: Decision;
}

/** Where a plan entry is, as "(0008,1140)[0].(0008,1155)": tags only. */
export function planPath(e: PlanEntry): string {
  return formatTagPath(e.loc.path);
}

/** A rule that may override the profile (recipes); returns undefined to let the profile decide. */
export type Override = (facts: ElementFacts) => Decision | undefined;

/** Options of `planDataset`. */
export interface PlanOptions extends DecideOptions {
  override?: Override;
  /** Inside a sequence whose code is D: text the profile would keep gets a dummy instead. */
  dummyText?: boolean;
  /** Inside a sequence whose code is C: text the profile would keep is cleaned instead. */
  cleanText?: boolean;
  /** Overlay groups whose planes were cleaned of PHI text by OCR (Clean Graphics): their Overlay Data is kept. */
  overlaysCleaned?: ReadonlySet<number>;
}

const FREE_TEXT_VRS = new Set(["PN", "LO", "SH", "ST", "LT", "UT", "UC"]);

/** Text the profile keeps, or would keep but for the rules for standard text outside E.1-1 (not a recipe's choice). */
const keptText = (d: Decision): boolean => (d.action.kind === "keep" || d.rule.startsWith(NOT_IN_TABLE)) && !d.rule.startsWith("recipe");

const isOverlayGroup = (g: number): boolean => g >= 0x6000 && g <= 0x601e && (g & 1) === 0;

/**
 * Walks a dataset (into every sequence the decisions keep) and decides an action per
 * element. A binary value to clean is removed, except Overlay Data (60xx,3000) whose plane
 * the pixel stage cleaned of text (Clean Graphics). Overlay groups follow their Overlay Data:
 * when it is removed, the whole overlay group goes (a partial overlay module would be
 * invalid). Tags unknown to the dictionary in even groups are removed: they may be
 * identifying attributes of a newer edition of the standard.
 */
export function planDataset(ds: Dataset, options: PlanOptions, chain: Location["chain"] = [], path: PathStep[] = []): PlanEntry[] {
  const entries: PlanEntry[] = [];
  const decisions = new Map<Tag, Decision>();
  for (const el of ds.elements) {
    const facts: ElementFacts = { tag: el.tag, vr: el.vr, isSequence: el.items !== undefined };
    if (isPrivateTag(el.tag)) facts.privateCreator = privateCreatorOf(ds, el.tag);
    let d = options.override?.(facts) ?? decide(facts, options);
    if (d.rule.startsWith(NOT_IN_TABLE) && !lookupTag(el.tag) && tagGroup(el.tag) !== 0x0002) {
      d = { action: { kind: "remove" }, rule: "tag not in the PS3.6 dictionary: removed" };
    } else if (d.action.kind === "clean" && !isStringVR(el.vr) && el.items === undefined) {
      const g = tagGroup(el.tag);
      // Overlay Data whose text the pixel stage cleaned stays; any other binary value to clean goes, the stricter choice.
      const overlay = isOverlayGroup(g) && el.tag === makeTag(g, 0x3000);
      const why = overlay ? "not read for text, removed with its group (deidentify with burned-in text detection reads and keeps it)" : "binary value, removed (only text is cleaned)";
      d = overlay && options.overlaysCleaned?.has(g)
        ? { action: { kind: "keep" }, rule: `${d.rule}: its text cleaned by OCR` }
        : { action: { kind: "remove" }, rule: `${d.rule}: ${why}` };
    } else if (options.dummyText && keptText(d) && FREE_TEXT_VRS.has(el.vr)) {
      d = { action: { kind: "dummy" }, rule: "text inside a sequence whose E.1-1 code is D: dummy" };
    } else if (options.cleanText && keptText(d) && FREE_TEXT_VRS.has(el.vr)) {
      d = { action: { kind: "clean" }, rule: "text inside a sequence whose E.1-1 code is C: cleaned" };
    }
    decisions.set(el.tag, d);
  }
  for (const el of ds.elements) {
    const g = tagGroup(el.tag);
    let d = decisions.get(el.tag)!;
    if (isOverlayGroup(g) && decisions.get(makeTag(g, 0x3000))?.action.kind === "remove" && d.action.kind === "keep") {
      d = { action: { kind: "remove" }, rule: `overlay group ${formatTag(makeTag(g, 0)).slice(1, 5)} removed with its data` };
    }
    const stepPath = [...path, { tag: el.tag }];
    entries.push({ loc: { dataset: ds, tag: el.tag, chain, path: stepPath }, element: el, decision: d });
    if (d.action.kind === "recurse" && el.items) {
      el.items.forEach((item, k) => {
        const a = d.action.kind === "recurse" ? d.action : undefined;
        const inner = a?.dummyText ? { ...options, dummyText: true } : a?.cleanText ? { ...options, cleanText: true } : options;
        entries.push(...planDataset(item.dataset, inner, [...chain, { dataset: ds, element: el, item }], [...path, { tag: el.tag, item: k }]));
      });
    }
  }
  return entries;
}
