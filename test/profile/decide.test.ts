import { test } from "node:test";
import assert from "node:assert/strict";
import { decide, needsTextCleaner } from "../../src/profile/decide.js";
import { BASIC_PROFILE, optionsFromNames, methodCodes } from "../../src/profile/options.js";
import { tag } from "../../src/core/tag.js";

const T = (g: number, e: number) => tag(g, e);
const basic = { profile: BASIC_PROFILE };
const withOpts = (...names: string[]) => ({ profile: optionsFromNames(names) });

// [when, facts, options, expected action kind, rule fragment]
const cases: [string, Parameters<typeof decide>[0], Parameters<typeof decide>[1], string, string][] = [
  ["PatientName (Z) under the Basic Profile", { tag: T(0x10, 0x10), vr: "PN", isSequence: false }, basic, "empty", "(0010,0010) Z"],
  ["SOPInstanceUID (U)", { tag: T(0x08, 0x18), vr: "UI", isSequence: false }, basic, "remapUid", "U"],
  ["InstitutionName (X/Z/D) with no option", { tag: T(0x08, 0x80), vr: "LO", isSequence: false }, basic, "dummy", "X/Z/D"],
  ["InstitutionName with Retain Institution Identity", { tag: T(0x08, 0x80), vr: "LO", isSequence: false }, withOpts("retain-institution-identity"), "keep", "rtnInstIdOpt K"],
  ["StationName with Retain Device Identity", { tag: T(0x08, 0x1010), vr: "SH", isSequence: false }, withOpts("retain-device-identity"), "keep", "rtnDevIdOpt"],
  ["StudyDate (Z) with Full Dates", { tag: T(0x08, 0x20), vr: "DA", isSequence: false }, withOpts("retain-full-dates"), "keep", "rtnLongFullDatesOpt K"],
  ["TimezoneOffsetFromUTC (SH, C) with Modified Dates: consistent as it is", { tag: T(0x08, 0x201), vr: "SH", isSequence: false }, withOpts("retain-modified-dates"), "keep", "rtnLongModifDatesOpt C"],
  ["FrameOriginTimestamp (OB, C) with Modified Dates: a binary value the plan removes", { tag: T(0x34, 0x7), vr: "OB", isSequence: false }, withOpts("retain-modified-dates"), "clean", "rtnLongModifDatesOpt C"],
  ["Allergies (C) with Retain Patient Characteristics", { tag: T(0x10, 0x2110), vr: "LO", isSequence: false }, withOpts("retain-patient-characteristics"), "clean", "rtnPatCharsOpt C"],
  ["StudyDate with Modified Dates", { tag: T(0x08, 0x20), vr: "DA", isSequence: false }, withOpts("retain-modified-dates"), "shiftDate", "rtnLongModifDatesOpt C"],
  ["StudyDescription (X) with Clean Descriptors", { tag: T(0x08, 0x1030), vr: "LO", isSequence: false }, withOpts("clean-descriptors"), "clean", "cleanDescOpt C"],
  ["StudyDescription with no option", { tag: T(0x08, 0x1030), vr: "LO", isSequence: false }, basic, "remove", "X"],
  ["PatientSex (Z) with Retain Patient Characteristics", { tag: T(0x10, 0x40), vr: "CS", isSequence: false }, withOpts("retain-patient-characteristics"), "keep", "rtnPatCharsOpt"],
  ["ReferencedStudySequence (X/Z, reference)", { tag: T(0x08, 0x1110), vr: "SQ", isSequence: true }, basic, "recurse", "X/Z"],
  ["ReferencedStudySequence with Retain UIDs", { tag: T(0x08, 0x1110), vr: "SQ", isSequence: true }, withOpts("retain-uids"), "recurse", "rtnUIDsOpt K"],
  ["AcquisitionContextSequence (X/Z)", { tag: T(0x40, 0x555), vr: "SQ", isSequence: true }, basic, "empty", "X/Z"],
  ["AcquisitionContextSequence with Clean Structured Content", { tag: T(0x40, 0x555), vr: "SQ", isSequence: true }, withOpts("clean-structured-content"), "recurse", "cleanStructContOpt C"],
  ["ContentSequence (D): items kept, values de-identified", { tag: T(0x40, 0xa730), vr: "SQ", isSequence: true }, basic, "recurse", "(0040,A730) D"],
  ["InstitutionCodeSequence (X/Z/D)", { tag: T(0x08, 0x82), vr: "SQ", isSequence: true }, basic, "remove", "X/Z/D"],
  ["Overlay Data (60xx,3000)", { tag: T(0x6002, 0x3000), vr: "OW", isSequence: false }, basic, "remove", "(60XX,3000)"],
  ["Overlay Data with Clean Graphics (C; the plan removes a binary value)", { tag: T(0x6002, 0x3000), vr: "OW", isSequence: false }, withOpts("clean-graphics"), "clean", "cleanGraphOpt C"],
  ["a curve (50xx,xxxx)", { tag: T(0x5000, 0x3000), vr: "OW", isSequence: false }, basic, "remove", "X"],
  ["a private data element", { tag: T(0x0009, 0x1001), vr: "LO", isSequence: false, privateCreator: "ACME" }, basic, "remove", "private"],
  ["a safe private element with Retain Safe Private", { tag: T(0x0019, 0x100c), vr: "IS", isSequence: false, privateCreator: "SIEMENS MR HEADER" }, { ...withOpts("retain-safe-private"), isSafePrivate: () => true }, "keep", "E.3.10"],
  ["a safe private element without the option", { tag: T(0x0019, 0x100c), vr: "IS", isSequence: false, privateCreator: "SIEMENS MR HEADER" }, { ...basic, isSafePrivate: () => true }, "remove", "private"],
  ["a private creator", { tag: T(0x0009, 0x0010), vr: "LO", isSequence: false }, basic, "keep", "creator"],
  ["a group length", { tag: T(0x0008, 0x0000), vr: "UL", isSequence: false }, basic, "keep", "group length"],
  ["a standard UID not in the table (SOPClassUID)", { tag: T(0x08, 0x16), vr: "UI", isSequence: false }, basic, "remapUid", "well-known kept"],
  ["a standard attribute not in the table (Modality)", { tag: T(0x08, 0x60), vr: "CS", isSequence: false }, basic, "keep", "not in E.1-1"],
  ["a person name not in the table (Evaluator Name)", { tag: T(0x14, 0x2006), vr: "PN", isSequence: false }, basic, "empty", "a person name, emptied"],
  ["a date not in the table (Study Update DateTime)", { tag: T(0x08, 0x41f), vr: "DT", isSequence: false }, basic, "empty", "a date, emptied"],
  ["a date not in the table with Full Dates", { tag: T(0x14, 0x102), vr: "DA", isSequence: false }, withOpts("retain-full-dates"), "keep", "a date, kept"],
  ["a date not in the table with Modified Dates", { tag: T(0x14, 0x102), vr: "DA", isSequence: false }, withOpts("retain-modified-dates"), "shiftDate", "a date, shifted"],
  ["a free text not in the table (Text Value)", { tag: T(0x40, 0xa160), vr: "UT", isSequence: false }, basic, "scrub", "identifying values taken out"],
  ["a short text not in the table (Manufacturer)", { tag: T(0x08, 0x70), vr: "LO", isSequence: false }, basic, "scrub", "not in E.1-1"],
  ["StudyDate in a DICOMDIR (Type 1 keys)", { tag: T(0x08, 0x20), vr: "DA", isSequence: false }, { ...basic, zeroAsDummy: true }, "dummy", "Z"],
];

for (const [when, facts, options, kind, rule] of cases) {
  test(`when ${when} then the action is ${kind}`, () => {
    const d = decide(facts, options);
    assert.equal(d.action.kind, kind);
    assert.ok(d.rule.includes(rule), `rule "${d.rule}" mentions "${rule}"`);
  });
}

test("when every option is on then each CID 7050 code is listed once, 113100 first", () => {
  const o = optionsFromNames(["retain-safe-private", "retain-uids", "retain-device-identity", "retain-institution-identity",
    "retain-patient-characteristics", "retain-modified-dates", "clean-descriptors", "clean-structured-content", "clean-graphics"]);
  const codes = methodCodes({ ...o, cleanPixelData: true }).map((c) => c.value);
  assert.equal(codes[0], "113100");
  assert.deepEqual([...codes].sort(), ["113100", "113101", "113103", "113104", "113105", "113107", "113108", "113109", "113110", "113111", "113112"]);
});

test("when an option name is unknown then a CONFIG error lists the known ones", () => {
  assert.throws(() => optionsFromNames(["retain-everything"]), /unknown profile option "retain-everything"; known: retain-safe-private/);
  assert.equal(optionsFromNames(["113105"]).cleanDescriptors, true);
});

// [options, whether a text cleaner is needed]
const cleanerCases: [string[], boolean][] = [
  [[], false],
  [["retain-modified-dates"], false],
  [["retain-full-dates", "retain-uids", "retain-institution-identity"], false],
  [["retain-device-identity"], true], // AE titles, Network ID: C
  [["retain-safe-private"], false], // its C is on the private attributes row: a safe private attribute is kept as it is
  [["clean-descriptors"], true],
  [["clean-structured-content"], true],
  [["clean-graphics"], true],
  [["retain-patient-characteristics"], true],
];
for (const [names, needed] of cleanerCases) {
  test(`when the options are [${names.join(", ")}] then a text cleaner is ${needed ? "" : "not "}needed`, () => {
    assert.equal(needsTextCleaner(optionsFromNames(names)), needed);
  });
}
