/**
 * De-identification actions as data (STYLE principle 3). PS3.15 E.1.1 codes map onto them:
 * X remove, Z empty, D dummy, U remapUid, K keep, C clean (text) or shiftDate (dates); scrub keeps
 * standard text outside the table but takes this file's identifying values out of it.
 */
export type Action =
  | { kind: "keep" }
  | { kind: "remove" }
  | { kind: "empty" }
  | { kind: "dummy" }
  | { kind: "remapUid" }
  | { kind: "shiftDate" }
  | { kind: "clean" }
  /** Keep a text, with this file's own identifying values in it replaced by a marker (standard text outside E.1-1). */
  | { kind: "scrub" }
  | { kind: "replace"; values: string[] }
  /**
   * Keep a sequence and apply the plan to its items; other text in them (text the profile
   * would keep) gets dummies with `dummyText` (D on a sequence) or is cleaned with `cleanText`
   * (C on a sequence).
   */
  | { kind: "recurse"; dummyText?: boolean; cleanText?: boolean };

/** The kinds of action, for counting and reports. */
export type ActionKind = Action["kind"];

/** Why an action was chosen: the rule that fired (a table row, an option, a recipe rule). */
export interface Decision {
  action: Action;
  /** E.g. "E.1-1 (0010,0010) Z", "option rtnDevIdOpt K", "recipe rule 3", "private: not safe". */
  rule: string;
}
