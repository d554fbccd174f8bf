import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ACTION_CODES, PRIVATE_ATTRIBUTES_ROW, PRIVATE_PATTERN, PROFILE_OPTION_COLUMNS, PROFILE_ROWS, PROFILE_SOURCE, profileRowFor,
} from "../../src/profile/table.js";
import { parseTagPattern } from "../../src/dictionary/pattern.js";
import { lookupKeyword } from "../../src/dictionary/index.js";
import { formatTag } from "../../src/core/tag.js";
import { SHARED_DATA } from "../helpers/hex.js";

/** Concrete tags a pattern stands for: its first and last tag (a repeating group: gg00 and gg1E). */
function concreteTags(pattern: string): number[] {
  if (pattern === PRIVATE_PATTERN) return [0x00090010, 0x00091010, 0x00290010, 0x7fe11001, 0xfffd0000];
  const p = parseTagPattern(pattern);
  assert.ok(p, `pattern ${pattern} parses`);
  if (p.wildcards === 0) return [p.value];
  const groupRepeat = (p.wildcards & 0x00ff0000) === 0x00ff0000;
  const last = groupRepeat ? (p.value | (p.wildcards & 0x0000ffff) | 0x001e0000) >>> 0 : (p.value | p.wildcards) >>> 0;
  return [p.value, last];
}

test("when the table is loaded then it holds the 621 rows of PS3.15 Table E.1-1", () => {
  assert.equal(PROFILE_ROWS.length, 621);
  assert.match(PROFILE_SOURCE, /PS3\.15 Table E\.1-1/);
  assert.match(PROFILE_SOURCE, /7f4749d09ed3ef2fa70637d376d423a4b13523cd/);
});

test("when every row is checked then its pattern parses, its codes are valid and profileRowFor returns it", () => {
  const codes = new Set<string>(ACTION_CODES);
  for (const row of PROFILE_ROWS) {
    assert.ok(codes.has(row.basicProfile), `${row.tag} basicProfile ${row.basicProfile}`);
    for (const col of PROFILE_OPTION_COLUMNS) {
      const code = row[col];
      if (code !== undefined) assert.ok(codes.has(code), `${row.tag} ${col} ${code}`);
    }
    for (const t of concreteTags(row.pattern)) assert.equal(profileRowFor(t), row, `${row.tag} via ${formatTag(t)}`);
  }
});

test("when a row names a PS3.6 attribute then its keyword resolves back to the row's tag", () => {
  for (const row of PROFILE_ROWS) {
    if (row.keyword === "" || row.pattern.startsWith("(0000,")) continue; // command elements are PS3.7
    const t = lookupKeyword(row.keyword);
    assert.ok(t !== undefined, `${row.tag} ${row.keyword}`);
    assert.equal(profileRowFor(t), row, row.keyword);
  }
  const unresolved = PROFILE_ROWS.filter((r) => r.keyword === "").map((r) => r.tag);
  assert.deepEqual(unresolved.sort(), ["(50XX,XXXX)", "(GGGG,EEEE) WHERE GGGG IS ODD"]);
});

test("when the irregular rows are looked at then each is handled as documented", () => {
  const curve = profileRowFor(0x50020030)!;
  assert.equal(curve.pattern, "(50xx,xxxx)");
  assert.equal(curve.basicProfile, "X");
  assert.equal(curve.cleanGraphOpt, "C");
  assert.equal(profileRowFor(0x60023000)?.keyword, "OverlayData");
  assert.equal(profileRowFor(0x60043000)?.pattern, "(60xx,3000)");
  assert.equal(profileRowFor(0x60203000), undefined); // outside the repeating range, not a private group
  assert.equal(profileRowFor(0x60033000), PRIVATE_ATTRIBUTES_ROW); // odd group: private
  const icon = profileRowFor(0x00880200)!;
  assert.equal(icon.name, "Icon Image Sequence");
  assert.equal(icon.note, "see Note 11");
  assert.equal(profileRowFor(0x00001000)?.keyword, "AffectedSOPInstanceUID");
  assert.equal(profileRowFor(0x00001001)?.keyword, "RequestedSOPInstanceUID");
  assert.equal(profileRowFor(0x00081140)?.basicProfile, "X/Z/U*");
});

test("when a private tag is looked up then the private-attributes row governs it, creators included", () => {
  const row = PRIVATE_ATTRIBUTES_ROW!;
  assert.equal(row.tag, "(GGGG,EEEE) WHERE GGGG IS ODD");
  assert.equal(row.basicProfile, "X");
  assert.equal(row.rtnSafePrivOpt, "C");
  assert.equal(profileRowFor(0x00191001), row);
  assert.equal(profileRowFor(0x00190010), row);
  assert.equal(profileRowFor(0x00070010), undefined); // groups 0001-0007 are not private (PS3.5 7.8)
});

test("when a tag is not in the table then profileRowFor gives undefined", () => {
  for (const t of [0x00280010, 0x7fe00010, 0x00080016, 0x00200013]) assert.equal(profileRowFor(t), undefined, formatTag(t));
});

test("when a few well-known rows are checked then their codes match the standard", () => {
  const cases: [number, string, Partial<Record<string, string>>][] = [
    [0x00100010, "Z", {}], // Patient's Name
    [0x00100020, "Z/D", {}], // Patient ID (Z/D in this edition)
    [0x00080018, "U", { rtnUIDsOpt: "K" }], // SOP Instance UID
    [0x00100030, "Z", {}], // Patient's Birth Date
    [0x00081030, "X", { cleanDescOpt: "C" }], // Study Description
    [0x00080020, "Z", { rtnLongFullDatesOpt: "K", rtnLongModifDatesOpt: "C" }], // Study Date
  ];
  for (const [t, basic, opts] of cases) {
    const row = profileRowFor(t)!;
    assert.equal(row.basicProfile, basic, formatTag(t));
    for (const [col, code] of Object.entries(opts)) assert.equal(row[col as (typeof PROFILE_OPTION_COLUMNS)[number]], code, `${formatTag(t)} ${col}`);
  }
});

test("when compared with the published JSON then every row and code is carried over", { skip: !SHARED_DATA }, () => {
  const file = join(SHARED_DATA!, "standard", "confidentiality_profile_attributes.json");
  if (!existsSync(file)) return;
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>[];
  assert.equal(raw.length, PROFILE_ROWS.length);
  raw.forEach((r, i) => {
    const row = PROFILE_ROWS[i];
    assert.equal(row.tag, r.tag);
    assert.equal(row.basicProfile, r.basicProfile, r.tag);
    assert.equal(row.stdCompIOD, r.stdCompIOD === "Y", r.tag);
    for (const col of PROFILE_OPTION_COLUMNS) assert.equal(row[col], r[col], `${r.tag} ${col}`);
  });
});
