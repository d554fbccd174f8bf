import type { Dataset } from "../core/dataset.js";
import type { Element } from "../core/element.js";
import { isPrivateCreatorTag, isPrivateTag, tagElement, tagGroup } from "../core/tag.js";
import { isStringVR, maxValueChars } from "../core/vr.js";
import { invalidate, putAt, removeAt, setAt, type Location } from "../dataset/edit.js";
import { elementText } from "../dataset/values.js";
import type { Action, ActionKind } from "./types.js";

/** What actions need from the run: keyed UIDs and dates, text cleaning, dummies. */
export interface ActionContext {
  remapUid(uid: string): string;
  /** Shifted value, or undefined when the value is not a valid date (then a dummy is used). */
  shiftDate(vr: string, value: string): string | undefined;
  clean(text: string): string;
  /** The text with this file's identifying values replaced by a marker (unchanged when it holds none). */
  scrub(text: string): string;
  dummy(vr: string): readonly (string | number)[] | undefined;
}

/** One planned action for `applyPlan`. */
export interface PlannedAction { loc: Location; element: Element; action: Action }

/** Counts of what was applied, per action kind. */
export type ActionCounts = Partial<Record<ActionKind | "changed", number>>;

function replaceValue(loc: Location, el: Element, values: readonly (string | number)[]): void {
  setAt(loc, values, el.vr === "UN" ? undefined : el.vr);
}

/** Applies one action to one element. Returns true when the element changed. */
function applyOne(p: PlannedAction, ctx: ActionContext): boolean {
  const { loc, element: el, action } = p;
  const ds = loc.dataset;
  switch (action.kind) {
    case "keep": case "recurse": return false;
    case "remove": return removeAt(loc);
    case "empty":
      if (el.items) {
        if (el.items.length === 0) return false;
        putAt(loc, { ...el, items: [], value: undefined });
      } else {
        if (!el.value?.length && !el.fragments) return false;
        putAt(loc, { tag: el.tag, vr: el.vr, length: 0, offset: -1, value: new Uint8Array(0) });
      }
      return true;
    case "dummy": {
      const d = ctx.dummy(el.vr);
      if (d === undefined) {
        putAt(loc, { tag: el.tag, vr: el.vr, length: el.value?.length ?? 0, offset: -1, value: new Uint8Array(el.value?.length ?? 0) });
      } else replaceValue(loc, el, d);
      return true;
    }
    case "remapUid": {
      const text = elementText(el, ds);
      if (text === undefined || text === "") return false;
      const next = text.split("\\").map((u) => ctx.remapUid(u.trim()));
      if (next.join("\\") === text) return false;
      replaceValue(loc, el, next);
      return true;
    }
    case "shiftDate": {
      if (el.vr === "TM") return false; // whole-day shifts leave times of day unchanged
      const text = elementText(el, ds);
      if (text === undefined || text === "") return false;
      const shifted = ctx.shiftDate(el.vr, text);
      replaceValue(loc, el, shifted === undefined ? ctx.dummy(el.vr) ?? [] : shifted.split("\\"));
      return true;
    }
    case "clean":
    case "scrub": {
      if (!el.value || !isStringVR(el.vr)) return el.value && action.kind === "clean" ? removeAt(loc) : false;
      const text = elementText(el, ds) ?? "";
      const cleaned = action.kind === "clean" ? ctx.clean(text) : ctx.scrub(text);
      if (cleaned === text) return false;
      // The marker may be longer than what it replaced: each value is cut to its VR's length (PS3.5 6.2).
      const max = maxValueChars(el.vr);
      const values = el.vr === "LT" || el.vr === "ST" || el.vr === "UT" ? [cleaned] : cleaned.split("\\");
      replaceValue(loc, el, max === undefined ? values : values.map((v) => (v.length > max ? v.slice(0, max).trimEnd() : v)));
      return true;
    }
    case "replace":
      replaceValue(loc, el, action.values);
      return true;
  }
}

/**
 * Applies a plan: the one place where de-identification actions change a dataset. Each
 * change drops the source bytes of the enclosing items and sequences so the writer
 * re-encodes them; afterwards private creators whose blocks are empty are removed.
 */
export function applyPlan(plan: readonly PlannedAction[], ctx: ActionContext): ActionCounts {
  const counts: ActionCounts = {};
  // One location per changed dataset: its creators are pruned once, after all its changes.
  const touched = new Map<Dataset, Location>();
  for (const p of plan) {
    counts[p.action.kind] = (counts[p.action.kind] ?? 0) + 1;
    if (applyOne(p, ctx)) {
      counts.changed = (counts.changed ?? 0) + 1;
      if (!touched.has(p.loc.dataset)) touched.set(p.loc.dataset, p.loc);
    }
  }
  for (const loc of touched.values()) pruneCreators(loc);
  return counts;
}

/** PS3.5 7.8.1: removes private creator elements that no longer reserve any element. */
function pruneCreators(loc: Location): void {
  const ds = loc.dataset;
  const used = new Set<number>();
  for (const e of ds.elements) if (isPrivateTag(e.tag) && !isPrivateCreatorTag(e.tag) && tagElement(e.tag) >= 0x1000) used.add((tagGroup(e.tag) << 8) | (tagElement(e.tag) >> 8));
  const stale = ds.elements.filter((e) => isPrivateCreatorTag(e.tag) && !used.has((tagGroup(e.tag) << 8) | tagElement(e.tag)));
  for (const e of stale) {
    ds.delete(e.tag);
    invalidate(loc.chain);
  }
}
