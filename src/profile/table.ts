import { type Tag, isPrivateTag } from "../core/tag.js";
import { type TagPattern, matchesTagPattern, parseTagPattern } from "../dictionary/pattern.js";
import { ANNEX_E_ROWS, ANNEX_E_SOURCE } from "./generated/annex-e.js";

/**
 * PS3.15 E.1.1 action codes as Table E.1-1 uses them:
 * D dummy value of the same VR; Z zero-length (or dummy) value; X remove; K keep; C clean;
 * U replace a UID consistently; X/Z X unless Z is needed for IOD conformance (Type 2);
 * X/D X unless D is needed (Type 1); Z/D Z unless D is needed; X/Z/D X, Z or D by Type;
 * X/Z/U* X unless Z, or U of the contained UIDs, is needed for conformance (sequences of UID references).
 */
export type ActionCode = "D" | "Z" | "X" | "K" | "C" | "U" | "X/Z" | "X/D" | "Z/D" | "X/Z/D" | "X/Z/U*";

/** Every action code Table E.1-1 may hold. */
export const ACTION_CODES: readonly ActionCode[] = ["D", "Z", "X", "K", "C", "U", "X/Z", "X/D", "Z/D", "X/Z/D", "X/Z/U*"];

/** The option columns of Table E.1-1 (PS3.15 E.3.1-E.3.11), in the source's spelling. */
export const PROFILE_OPTION_COLUMNS = [
  "rtnSafePrivOpt", // E.3.10 Retain Safe Private Option
  "rtnUIDsOpt", // E.3.9 Retain UIDs Option
  "rtnDevIdOpt", // E.3.7 Retain Device Identity Option
  "rtnInstIdOpt", // E.3.8 Retain Institution Identity Option
  "rtnPatCharsOpt", // E.3.5 Retain Patient Characteristics Option
  "rtnLongFullDatesOpt", // E.3.6 Retain Longitudinal Temporal Information with Full Dates Option
  "rtnLongModifDatesOpt", // E.3.6 Retain Longitudinal Temporal Information with Modified Dates Option
  "cleanDescOpt", // E.3.4 Clean Descriptors Option
  "cleanStructContOpt", // E.3.3 Clean Structured Content Option
  "cleanGraphOpt", // E.3.2 Clean Graphics Option
] as const;

/** One option column of Table E.1-1. */
export type ProfileOption = (typeof PROFILE_OPTION_COLUMNS)[number];

/** How the row "(GGGG,EEEE) WHERE GGGG IS ODD" (every private attribute) is written as a pattern. */
export const PRIVATE_PATTERN = "(gggg,eeee)";

/** One row of PS3.15 Table E.1-1: which action the Basic Profile and each option take. */
export type ProfileRow = {
  /** The tag as published: "(0008,0050)", "(50XX,XXXX)", "(GGGG,EEEE) WHERE GGGG IS ODD". */
  readonly tag: string;
  /** Normalized pattern: "(0008,0050)", "(50xx,xxxx)" ("x" = any hex digit), or PRIVATE_PATTERN. */
  readonly pattern: string;
  /** Attribute name as published, with any "(see Note n)" moved to `note`. */
  readonly name: string;
  /** PS3.6 keyword (PS3.7 for command elements); "" for whole-group and private rows. */
  readonly keyword: string;
  /** Action of the Basic Application Level Confidentiality Profile. */
  readonly basicProfile: ActionCode;
  /** True when the attribute is in a standard composite IOD ("Y" in the table). */
  readonly stdCompIOD: boolean;
  /** Footnote the published name pointed to, e.g. "see Note 11". */
  readonly note?: string;
} & { readonly [K in ProfileOption]?: ActionCode };

/** Where Table E.1-1 comes from: snapshot, commit and edition. */
export const PROFILE_SOURCE: string = ANNEX_E_SOURCE;

/** Every row of PS3.15 Table E.1-1, in published order. */
export const PROFILE_ROWS: readonly ProfileRow[] = ANNEX_E_ROWS;

const exactRows = new Map<Tag, ProfileRow>();
/** Wildcard rows, most specific (fewest wildcard digits) first. */
const wildcardRows: { pattern: TagPattern; row: ProfileRow }[] = [];
let privateRow: ProfileRow | undefined;

for (const row of PROFILE_ROWS) {
  if (row.pattern === PRIVATE_PATTERN) {
    privateRow = row;
    continue;
  }
  const pattern = parseTagPattern(row.pattern);
  if (!pattern) throw new Error(`generated profile holds a bad pattern: ${row.pattern}`);
  if (pattern.wildcards === 0) exactRows.set(pattern.value, row);
  else wildcardRows.push({ pattern, row });
}
wildcardRows.sort((a, b) => a.pattern.wildcardDigits - b.pattern.wildcardDigits);

/** The row "(GGGG,EEEE) WHERE GGGG IS ODD" that covers every private attribute. */
export const PRIVATE_ATTRIBUTES_ROW: ProfileRow | undefined = privateRow;

/**
 * The Table E.1-1 row that governs a tag: the exact row first, then the most specific wildcard
 * row (PS3.5 7.6 repeating groups), then, for any private tag (PS3.5 7.8, creators included),
 * the private-attributes row. Undefined when the table does not list the tag.
 */
export function profileRowFor(t: Tag): ProfileRow | undefined {
  const hit = exactRows.get(t);
  if (hit) return hit;
  for (const w of wildcardRows) if (matchesTagPattern(w.pattern, t)) return w.row;
  return isPrivateTag(t) ? privateRow : undefined;
}
