import { isGroupLengthTag, isPrivateCreatorTag, isPrivateTag, tagGroup, formatTag, type Tag } from "../core/tag.js";
import type { Action, Decision } from "../actions/types.js";
import { isStringVR } from "../core/vr.js";
import { activeColumns, type ProfileOptions } from "./options.js";
import { PRIVATE_ATTRIBUTES_ROW, PROFILE_ROWS, profileRowFor, type ActionCode, type ProfileRow } from "./table.js";

/** What the decision needs to know about one element (no value). */
export interface ElementFacts {
  tag: Tag;
  vr: string;
  isSequence: boolean;
  /** Private creator of a private data element's block, when reserved. */
  privateCreator?: string;
}

/** Decides whether a private data element is safe to keep under Retain Safe Private. */
export type SafePrivatePredicate = (creator: string, tag: Tag, vr: string) => boolean;

/** Options of `decide`. */
export interface DecideOptions {
  profile: ProfileOptions;
  /** Safe private attributes (built-in + user list) for E.3.10. */
  isSafePrivate?: SafePrivatePredicate;
  /** The object's keys are Type 1 (DICOMDIR records): Z is applied as D. */
  zeroAsDummy?: boolean;
}

const A = {
  keep: { kind: "keep" }, remove: { kind: "remove" }, empty: { kind: "empty" }, dummy: { kind: "dummy" },
  remapUid: { kind: "remapUid" }, shiftDate: { kind: "shiftDate" }, clean: { kind: "clean" }, scrub: { kind: "scrub" }, recurse: { kind: "recurse" },
  dummySequence: { kind: "recurse", dummyText: true }, cleanSequence: { kind: "recurse", cleanText: true },
} as const satisfies Record<string, Action>;

/** The code in force for a row: the first active option column the row fills, else the Basic Profile's. */
export function effectiveCode(row: ProfileRow, options: ProfileOptions): { code: ActionCode; column?: string } {
  for (const col of activeColumns(options)) {
    const c = row[col];
    if (c) return { code: c, column: col };
  }
  return { code: row.basicProfile };
}

/**
 * True when these options can clean text (a C code outside the Modified Dates column, which
 * shifts dates instead; the private attributes row neither: a safe private attribute is kept
 * as it is): Clean Descriptors, Structured Content and Graphics, Retain Patient
 * Characteristics (Allergies, Patient State, ...) and Retain Device Identity (AE titles).
 */
export function needsTextCleaner(options: ProfileOptions): boolean {
  return PROFILE_ROWS.some((row) => {
    if (row === PRIVATE_ATTRIBUTES_ROW) return false;
    const e = effectiveCode(row, options);
    return e.code === "C" && e.column !== "rtnLongModifDatesOpt";
  });
}

/** Facts about the table row that shape how a code applies. */
export interface RowFacts {
  /** The row is a reference sequence that Retain UIDs keeps (its items hold UID references). */
  referenceSequence?: boolean;
  /** Keys are Type 1 or 2 in this object (DICOMDIR directory records): Z becomes D, X becomes Z. */
  zeroAsDummy?: boolean;
}

/**
 * Maps an E.1.1 action code to an action. Compound codes (X/Z, X/D, Z/D, X/Z/D) need the
 * attribute's Type in the object's IOD; without IOD tables we take the member that is valid
 * for every Type and carries no information either way: Z for X/Z, D for the others (a D
 * value is a dummy). Sequences: Z empties; D keeps the items and de-identifies every value
 * in them (profile rows, and dummies for other text); X/Z empties, X/D and X/Z/D remove
 * (a Type 3 sequence may not be empty), except reference sequences, whose UIDs are remapped;
 * U, K and X/Z/U* keep the sequence and apply the profile to its items; C does too and cleans
 * the other text in them.
 */
export function actionForCode(code: ActionCode, facts: ElementFacts, options: ProfileOptions, column?: string, row: RowFacts = {}): Action {
  const sq = facts.isSequence;
  const dateLike = facts.vr === "DA" || facts.vr === "DT" || facts.vr === "TM";
  if (sq && (code === "X/Z" || code === "X/D" || code === "Z/D" || code === "X/Z/D")) {
    if (row.referenceSequence) return A.recurse;
    // X/Z: an empty sequence is valid where it is Type 2 and carries nothing; X/D, X/Z/D: remove.
    return code === "X/Z" ? A.empty : A.remove;
  }
  switch (code) {
    case "K": return sq ? A.recurse : A.keep;
    case "X": return row.zeroAsDummy && !sq ? A.empty : A.remove;
    case "Z": case "X/Z":
      if (row.zeroAsDummy && !sq) return facts.vr === "UI" ? A.remapUid : A.dummy;
      return A.empty;
    case "D": case "X/D": case "Z/D": case "X/Z/D":
      if (sq) return A.dummySequence;
      if (facts.vr === "UI") return A.remapUid;
      return A.dummy;
    case "U": return sq ? A.recurse : A.remapUid;
    case "X/Z/U*": return sq ? A.recurse : facts.vr === "UI" ? A.remapUid : A.empty;
    case "C":
      // A cleaned sequence (Graphic Annotation, Content, Acquisition Context) has its text cleaned, not kept.
      if (sq) return A.cleanSequence;
      // PS3.15 E.3.6: with Modified Dates, C on a date or time means "shift consistently".
      if (dateLike) return column === "rtnLongModifDatesOpt" || options.retainLongitudinal === "modified" ? A.shiftDate : A.dummy;
      // The one text value that column codes C besides dates, Timezone Offset From UTC, stays consistent as it is:
      // dates move by whole days, times of day are kept. Binary timestamps (Frame Origin, Certified) go: see planDataset.
      if (column === "rtnLongModifDatesOpt" && isStringVR(facts.vr)) return A.keep;
      return A.clean;
  }
}

/**
 * Decides the action for one element: group lengths are kept (recomputed by the writer);
 * private data elements are removed unless safe and kept by Retain Safe Private; a Table
 * E.1-1 row decides with its option columns; other UIDs are remapped (well-known ones are
 * kept when applied); other sequences are walked; other person names are emptied, other dates
 * follow the date options (else emptied); other text is kept without this file's identifying
 * values (scrub); everything else standard is kept.
 */
export function decide(facts: ElementFacts, options: DecideOptions): Decision {
  const t = facts.tag;
  if (isGroupLengthTag(t)) {
    // PS3.5 7.2: group lengths are optional (retired outside 0000/0002); a private group's goes with the group.
    return isPrivateTag(t) ? { action: A.remove, rule: "private group length removed" } : { action: A.keep, rule: "group length (recomputed)" };
  }
  if (isPrivateTag(t)) {
    if (isPrivateCreatorTag(t)) return { action: A.keep, rule: "private creator (dropped with its block)" };
    const safe = options.profile.retainSafePrivate && facts.privateCreator !== undefined
      && options.isSafePrivate?.(facts.privateCreator, t, facts.vr);
    // PS3.15 E.1-1 (gggg,eeee) odd group: X; E.3.10 keeps safe private attributes.
    return safe
      ? { action: facts.isSequence ? A.recurse : A.keep, rule: "E.3.10 safe private attribute" }
      : { action: A.remove, rule: "E.1-1 private attribute X" };
  }
  const row = profileRowFor(t);
  if (row) {
    const { code, column } = effectiveCode(row, options.profile);
    const rowFacts: RowFacts = { referenceSequence: row.rtnUIDsOpt !== undefined, zeroAsDummy: options.zeroAsDummy };
    return { action: actionForCode(code, facts, options.profile, column, rowFacts), rule: `E.1-1 ${row.tag} ${column ? `${column} ` : ""}${code}` };
  }
  if (facts.vr === "UI") {
    if (options.profile.retainUIDs) return { action: A.keep, rule: "E.3.9 retain UIDs" };
    return { action: A.remapUid, rule: "UID not in E.1-1: instance UIDs remapped, well-known kept" };
  }
  if (facts.isSequence) return { action: A.recurse, rule: "sequence not in E.1-1: items walked" };
  if (tagGroup(t) >= 0x6000 && tagGroup(t) <= 0x60ff && (tagGroup(t) & 1) === 0) {
    return { action: A.keep, rule: `overlay attribute ${formatTag(t)} follows its overlay data` };
  }
  // A person name identifies whoever it names; the table lists most PN attributes, the few it
  // does not (Evaluator Name, Secondary Reviewer Name, ...) are emptied too, the stricter choice.
  if (facts.vr === "PN") return { action: A.empty, rule: `${NOT_IN_TABLE}: a person name, emptied` };
  // A date the table does not list (Study Update DateTime, Secondary Review Date, Expiry Date) follows
  // the table's dates: kept with Full Dates, shifted with Modified Dates, else emptied.
  if (facts.vr === "DA" || facts.vr === "DT") {
    const o = options.profile.retainLongitudinal;
    return o === "full" ? { action: A.keep, rule: `${NOT_IN_TABLE}: a date, kept (Full Dates)` }
      : o === "modified" ? { action: A.shiftDate, rule: `${NOT_IN_TABLE}: a date, shifted (Modified Dates)` }
      : { action: A.empty, rule: `${NOT_IN_TABLE}: a date, emptied` };
  }
  // Free text the table does not list (Text Value, comments, reasons) is kept without this file's own identifying values.
  if (SCRUBBED_VRS.has(facts.vr)) return { action: A.scrub, rule: `${NOT_IN_TABLE}: text kept, this file's identifying values taken out` };
  return { action: A.keep, rule: `${NOT_IN_TABLE}: kept` };
}

/** The start of every rule for a standard attribute that Table E.1-1 does not list. */
export const NOT_IN_TABLE = "standard attribute not in E.1-1";

/**
 * Text VRs whose kept values are scrubbed of the file's identifying values. Not SH: outside the
 * table it holds codes (Code Value, Coding Scheme Designator), and a procedure code may equal a
 * step ID the profile removed without naming anyone.
 */
const SCRUBBED_VRS: ReadonlySet<string> = new Set(["LO", "ST", "LT", "UT", "UC"]);
