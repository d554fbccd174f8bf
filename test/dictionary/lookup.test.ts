import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DICTIONARY_SOURCE, dictionaryVR, lookupKeyword, lookupTag } from "../../src/dictionary/index.js";
import { ATTRIBUTE_ROWS } from "../../src/dictionary/generated/attributes.js";
import { parseTagPattern } from "../../src/dictionary/pattern.js";
import { formatTag } from "../../src/core/tag.js";
import { SHARED_DATA } from "../helpers/hex.js";

test("when a standard tag is looked up then its PS3.6 entry comes back", () => {
  assert.deepEqual(lookupTag(0x00100010), {
    tag: "(0010,0010)", keyword: "PatientName", name: "Patient's Name", vr: "PN", vrs: ["PN"], vm: "1", retired: false,
  });
  assert.equal(lookupTag(0x00080005)?.vm, "1-n");
  assert.equal(lookupTag(0x00080010)?.retired, true); // Recognition Code
});

test("when a tag of a repeating group is looked up then the mask entry answers", () => {
  const cases: [number, string, string][] = [
    [0x60003000, "(60xx,3000)", "OverlayData"],
    [0x601e3000, "(60xx,3000)", "OverlayData"],
    [0x60020010, "(60xx,0010)", "OverlayRows"],
    [0x50100022, "(50xx,0022)", "CurveDescription"],
    [0x002031ab, "(0020,31xx)", "SourceImageIDs"],
    [0x00280470, "(0028,04x0)", "RowsForNthOrderCoefficients"],
    [0x002808f8, "(0028,08x8)", "ImageDataLocation"],
    [0x10001234, "(1000,xxx4)", "ShiftTableSize"],
    [0x1010abcd, "(1010,xxxx)", "ZonalMap"],
    [0x7f020010, "(7Fxx,0010)", "VariablePixelData"],
  ];
  for (const [t, tag, keyword] of cases) {
    const e = lookupTag(t);
    assert.equal(e?.tag, tag, formatTag(t));
    assert.equal(e?.keyword, keyword, formatTag(t));
  }
});

test("when a group is outside PS3.5 7.6 repeating ranges then no mask matches", () => {
  assert.equal(lookupTag(0x60203000), undefined); // 6020 is past 601E
  assert.equal(lookupTag(0x60043001), undefined); // no such element
  assert.equal(lookupTag(0x60013000), undefined); // odd: private, not an overlay
});

test("when an exact entry lies inside a repeating range then the exact entry wins", () => {
  assert.equal(lookupTag(0x7fe00010)?.keyword, "PixelData");
  assert.equal(lookupTag(0x7fe00010)?.vr, "OW");
});

test("when a group length is looked up then a synthetic UL entry comes back", () => {
  assert.equal(lookupTag(0x00020000)?.keyword, "FileMetaInformationGroupLength");
  const e = lookupTag(0x00080000);
  assert.equal(e?.keyword, "GroupLength");
  assert.equal(e?.vr, "UL");
  assert.equal(e?.tag, "(0008,0000)");
  assert.equal(e?.retired, true);
  assert.equal(lookupTag(0x00090000)?.vr, "UL");
});

test("when a private tag is looked up then creators are LO and other private tags unknown", () => {
  const creator = lookupTag(0x00290010);
  assert.equal(creator?.keyword, "PrivateCreator");
  assert.equal(creator?.vr, "LO");
  assert.equal(lookupTag(0x002900ff)?.keyword, "PrivateCreator");
  assert.equal(lookupTag(0x00291010), undefined);
  assert.equal(lookupTag(0x00290001), undefined);
  assert.equal(dictionaryVR(0x00291010), "UN");
});

test("when a keyword is looked up then its tag comes back, the first group for repeating groups", () => {
  assert.equal(lookupKeyword("PatientName"), 0x00100010);
  assert.equal(lookupKeyword("OverlayData"), 0x60003000);
  assert.equal(lookupKeyword("SourceImageIDs"), 0x00203100);
  assert.equal(lookupKeyword("NoSuchKeyword"), undefined);
  assert.equal(lookupKeyword(""), undefined);
});

test("when dictionaryVR is asked then it gives the canonical VR or UN", () => {
  const cases: [number, string][] = [
    [0x00100010, "PN"], [0x00280106, "US"], // US or SS -> US
    [0x7fe00010, "OW"], [0x60003000, "OW"], // OB or OW -> OW (PS3.5 A.1)
    [0x00283006, "US"], // US or OW
    [0x00281200, "US"], // US or SS or OW
    [0xfffee000, "UN"], [0xfffee0dd, "UN"], // items and delimiters: no VR
    [0x00080202, "UN"], // unnamed retired row without VR
    [0x00180061, "DS"], // unnamed retired row with VR
    [0x00080000, "UL"], [0x00090010, "LO"], [0x12340010, "UN"],
  ];
  for (const [t, vr] of cases) assert.equal(dictionaryVR(t), vr, formatTag(t));
});

/** A concrete tag of a pattern that no exact entry shadows: wildcard digits 1, a repeating group 02. */
function sample(pattern: string): number {
  const p = parseTagPattern(pattern);
  assert.ok(p, pattern);
  if (p.wildcards === 0) return p.value;
  const groupRepeat = (p.wildcards & 0x00ff0000) === 0x00ff0000;
  const ones = (p.wildcards & 0x11111111) >>> 0;
  return groupRepeat ? ((p.value | (ones & 0x0000ffff) | 0x00020000) >>> 0) : ((p.value | ones) >>> 0);
}

test("when every generated row is looked up by a tag of its pattern then the same row answers", () => {
  for (const row of ATTRIBUTE_ROWS) {
    const p = parseTagPattern(row[0]);
    assert.ok(p, row[0]);
    const e = lookupTag(sample(row[0]));
    assert.equal(e?.tag, row[0]);
    if (row[1] !== "") assert.equal(lookupKeyword(row[1]), p.value);
  }
});

test("when the source is asked then it names the snapshot and the edition", () => {
  assert.match(DICTIONARY_SOURCE, /PS3\.6/);
  assert.match(DICTIONARY_SOURCE, /7f4749d09ed3ef2fa70637d376d423a4b13523cd/);
});

test("when compared with attributes.json then every published attribute is in the dictionary", { skip: !SHARED_DATA }, () => {
  const file = join(SHARED_DATA!, "standard", "attributes.json");
  if (!existsSync(file)) return;
  const raw = JSON.parse(readFileSync(file, "utf8")) as { tag: string; keyword: string; valueRepresentation: string }[];
  assert.equal(raw.length, ATTRIBUTE_ROWS.length);
  for (const r of raw) {
    const e = lookupTag(sample(r.tag));
    assert.equal(e?.keyword, r.keyword, r.tag);
    const published = r.valueRepresentation === "See Note 2" ? "" : r.valueRepresentation;
    assert.equal(e?.vrs.join(" or "), published, r.tag);
  }
});

test("when dictionaryVR runs a million times then it stays fast", () => {
  const tags = [0x00100010, 0x00080018, 0x7fe00010, 0x00280010, 0x00200013, 0x00081140, 0x0020000d, 0x00080005];
  const start = performance.now();
  let n = 0;
  for (let i = 0; i < 1_000_000; i++) if (dictionaryVR(tags[i & 7]) === "PN") n++;
  assert.equal(n, 125_000);
  assert.ok(performance.now() - start < 1000, "1e6 lookups under a second");
});
