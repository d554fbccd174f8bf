import { test } from "node:test";
import assert from "node:assert/strict";
import { deidentifyBytes, loadTextCleaner, type DeidOptions } from "../../src/deid/deidentify.js";
import { BASIC_PROFILE, optionsFromNames } from "../../src/profile/options.js";
import { secretFromText } from "../../src/deid/keyed.js";
import { parseRecipe } from "../../src/deid/recipe.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import { setValue } from "../../src/dataset/edit.js";
import { getText, getStrings } from "../../src/dataset/values.js";
import { DicomError } from "../../src/core/errors.js";
import { tag } from "../../src/core/tag.js";
import { fixtureBytes, sameBytes } from "../helpers/hex.js";

const cleaner = await loadTextCleaner();
const base = (over: Partial<DeidOptions> = {}): DeidOptions => ({
  profile: BASIC_PROFILE, secret: secretFromText("test-secret"), pseudonym: { prefix: "ANON" }, maxShiftDays: 365, cleaner, ...over,
});

/** A small synthetic patient file: the 3x3 RGB fixture with made-up identifying values. */
function synthetic(values: Record<string, string>): Uint8Array {
  const f = readDicom(fixtureBytes("dicom/SC_rgb_small_odd_3x3.dcm"));
  for (const [k, v] of Object.entries(values)) setValue(f.dataset, k, v.split("\\"));
  return writeDicom(f);
}

const T = { name: tag(0x10, 0x10), id: tag(0x10, 0x20), sop: tag(0x08, 0x18), study: tag(0x20, 0x0d), px: tag(0x7fe0, 0x10) };

test("when a file is de-identified then it is marked and its meta follows the new SOP Instance UID", () => {
  const { output, report } = deidentifyBytes(synthetic({ PatientName: "DOE^JANE", PatientID: "MRN123456" }), base());
  const f = readDicom(output);
  assert.equal(getText(f.dataset, tag(0x12, 0x62)), "YES");
  assert.match(getStrings(f.dataset, tag(0x12, 0x63))[0], /^dicom-deid /);
  const codes = f.dataset.get(tag(0x12, 0x64))!.items!.map((i) => getText(i.dataset, tag(0x08, 0x100)));
  assert.deepEqual(codes, ["113100"]);
  assert.equal(getText(f.dataset, tag(0x28, 0x303)), "REMOVED");
  assert.equal(getText(f.meta, tag(0x02, 0x03)), getText(f.dataset, T.sop));
  assert.match(getText(f.dataset, T.sop)!, /^2\.25\./);
  assert.match(getText(f.dataset, T.name)!, /^ANON-/);
  assert.equal(getText(f.dataset, T.name), getText(f.dataset, T.id));
  assert.equal(report.codes[0].value, "113100");
  assert.ok(sameBytes(f.preamble!, new Uint8Array(128)));
});

test("when nothing is asked of the pixels then PixelData bytes are identical", () => {
  const src = fixtureBytes("dicom/MR_small_implicitLE.dcm");
  const { output } = deidentifyBytes(src, base());
  assert.ok(sameBytes(readDicom(output).dataset.get(T.px)!.raw!, readDicom(src).dataset.get(T.px)!.raw!));
});

test("when the same input is de-identified twice with the same secret then the outputs are identical", () => {
  const src = fixtureBytes("dicom/rtplan.dcm");
  assert.ok(sameBytes(deidentifyBytes(src, base()).output, deidentifyBytes(src, base()).output));
  assert.ok(!sameBytes(deidentifyBytes(src, base()).output, deidentifyBytes(src, base({ secret: secretFromText("other-secret") })).output));
});

test("when two files share a study then they share the remapped Study Instance UID", () => {
  const a = readDicom(deidentifyBytes(synthetic({ PatientID: "P1", SOPInstanceUID: "1.2.3.1" }), base()).output);
  const b = readDicom(deidentifyBytes(synthetic({ PatientID: "P1", SOPInstanceUID: "1.2.3.2" }), base()).output);
  assert.equal(getText(a.dataset, T.study), getText(b.dataset, T.study));
  assert.notEqual(getText(a.dataset, T.sop), getText(b.dataset, T.sop));
  const ref = (f: typeof a) => getText(f.dataset.get(tag(0x08, 0x2112))!.items![0].dataset, tag(0x08, 0x1155));
  assert.equal(ref(a), ref(b));
  assert.match(ref(a)!, /^2\.25\./);
});

test("when a UID element stands out of tag order then it is remapped where it stands", () => {
  // A damaged or odd file: (0004,000E) UI after (0020,000D), holding an instance UID.
  const f = readDicom(synthetic({ PatientID: "P1" }));
  const stray = tag(0x0004, 0x000e);
  const value = new TextEncoder().encode("1.2.826.0.1.3680043.8.498.77\0");
  const at = f.dataset.elements.findIndex((e) => e.tag === T.study) + 1;
  f.dataset.elements.splice(at, 0, { tag: stray, vr: "UI", length: value.length, offset: -1, value });
  const out = readDicom(deidentifyBytes(writeDicom(f), base()).output);
  const strays = out.dataset.elements.filter((e) => e.tag === stray);
  assert.equal(strays.length, 1);
  assert.match(getText(out.dataset, stray)!, /^2\.25\./);
});

test("when Clean Graphics is on then an overlay goes whole: its bitmap cannot be cleaned of text, and a partial overlay is invalid", () => {
  const f = readDicom(synthetic({ PatientID: "P1" }));
  const us = (n: number) => Uint8Array.of(n & 0xff, n >> 8);
  const put = (e: number, vr: string, value: Uint8Array) => f.dataset.put({ tag: tag(0x6000, e), vr, length: value.length, offset: -1, value });
  put(0x0010, "US", us(3));
  put(0x0011, "US", us(3));
  put(0x0040, "CS", new TextEncoder().encode("G "));
  put(0x0050, "SS", Uint8Array.of(1, 0, 1, 0));
  put(0x0100, "US", us(1));
  put(0x0102, "US", us(0));
  put(0x3000, "OW", Uint8Array.of(0xff, 0x01));
  const out = readDicom(deidentifyBytes(writeDicom(f), base({ profile: optionsFromNames(["clean-graphics"]) })).output);
  assert.deepEqual(out.dataset.elements.filter((e) => e.tag >>> 16 === 0x6000), []);
});

test("when a graphic annotation's text names the patient then Clean Graphics cleans it and the Basic Profile gives a dummy", async () => {
  const src = synthetic({ PatientName: "DOE^JANE", PatientID: "P1" });
  const f = readDicom(src);
  // A presentation-state style annotation: (0070,0001)[0].(0070,0008)[0].(0070,0006) Unformatted Text Value (not in E.1-1).
  setValue(f.dataset, "GraphicAnnotationSequence[0].TextObjectSequence[0].UnformattedTextValue", ["Lesion 2 cm, JANE DOE"]);
  const bytes = writeDicom(f);
  const text = (opts: Partial<DeidOptions>) => {
    const ds = readDicom(deidentifyBytes(bytes, base(opts)).output).dataset;
    const item = (sq: number, d = ds) => d.get(tag(0x0070, sq))!.items![0].dataset;
    return getText(item(0x0008, item(0x0001)), tag(0x0070, 0x0006));
  };
  const cleaned = text({ profile: optionsFromNames(["clean-graphics"]) })!;
  assert.match(cleaned, /^Lesion 2 cm, /);
  assert.doesNotMatch(cleaned, /JANE|DOE/);
  assert.doesNotMatch(text({})!, /JANE|DOE|Lesion/);
});

test("when a text outside E.1-1 holds the patient's name, ID and birth date then they are scrubbed and the rest stays", () => {
  const src = synthetic({
    PatientName: "SMITH^JOHN", PatientID: "MRN7788123", PatientBirthDate: "19320804",
    TextValue: "Seen by Dr. Lee for John Smith (MRN7788123), born 08/04/1932: lesion stable",
  });
  const { output } = deidentifyBytes(src, base({ cleaner: undefined }));
  assert.equal(getText(readDicom(output).dataset, tag(0x40, 0xa160)), "Seen by Dr. Lee for [REMOVED] ([REMOVED]), born [REMOVED]: lesion stable");
});

test("when a text outside E.1-1 is the patient's name whole then it is scrubbed, not taken for a value kept by choice", () => {
  const { output } = deidentifyBytes(synthetic({ PatientName: "SMITH^JOHN", TextValue: "SMITH^JOHN" }), base());
  assert.equal(getText(readDicom(output).dataset, tag(0x40, 0xa160)), "[REMOVED]");
});

test("when the maker's name equals the removed institution's then Manufacturer stays", () => {
  const { output } = deidentifyBytes(synthetic({ InstitutionName: "ACME Ultrasound", Manufacturer: "ACME Ultrasound" }), base());
  const ds = readDicom(output).dataset;
  assert.equal(getText(ds, tag(0x08, 0x70)), "ACME Ultrasound");
  assert.notEqual(getText(ds, tag(0x08, 0x80)), "ACME Ultrasound");
});

test("when a recipe scrubs an attribute the profile removes then its text stays without the patient's identity", () => {
  const recipe = parseRecipe('{ "rules": [ { "match": { "keyword": "ImageComments" }, "action": "scrub" } ] }');
  const src = synthetic({ PatientName: "SMITH^JOHN", PatientID: "ZX99812", ImageComments: "Follow-up for John Smith, ZX99812" });
  const { output } = deidentifyBytes(src, base({ recipe, cleaner: undefined }));
  assert.equal(getText(readDicom(output).dataset, tag(0x20, 0x4000)), "Follow-up for [REMOVED], [REMOVED]");
});

test("when a person name attribute is not in E.1-1 then it is emptied", () => {
  const { output } = deidentifyBytes(synthetic({ EvaluatorName: "INSPECTOR^INGRID" }), base());
  const el = readDicom(output).dataset.get(tag(0x14, 0x2006));
  assert.equal(el?.value?.length ?? 0, 0);
});

test("when Clean Descriptors is on then names in descriptions are replaced and clinical words stay", () => {
  const src = synthetic({ PatientName: "SMITH^JOHN", StudyDescription: "CT CHEST W CONTRAST for SMITH JOHN" });
  const f = readDicom(deidentifyBytes(src, base({ profile: optionsFromNames(["clean-descriptors"]) })).output);
  assert.equal(getText(f.dataset, tag(0x08, 0x1030)), "CT CHEST W CONTRAST for [REMOVED]");
  const codes = f.dataset.get(tag(0x12, 0x64))!.items!.map((i) => getText(i.dataset, tag(0x08, 0x100)));
  assert.deepEqual(codes, ["113100", "113105"]);
});

test("when a cleaned value grows past its VR's length then it is cut to fit", () => {
  // LO holds 64 characters; "[REMOVED]" is longer than the name it replaces.
  const long = "CT CHEST W CONTRAST LOW DOSE PROTOCOL FOLLOW UP NODULE for AB CD";
  assert.equal(long.length, 64);
  const src = synthetic({ PatientName: "AB^CD", StudyDescription: long });
  const f = readDicom(deidentifyBytes(src, base({ profile: optionsFromNames(["clean-descriptors"]) })).output);
  const cleaned = getText(f.dataset, tag(0x08, 0x1030))!;
  assert.ok(cleaned.length <= 64, `${cleaned.length} characters`);
  assert.match(cleaned, /^CT CHEST W CONTRAST LOW DOSE PROTOCOL FOLLOW UP NODULE for \[REM/);
});

test("when Modified Dates is on then a patient's dates move by one keyed offset and intervals hold", () => {
  const opts = base({ profile: optionsFromNames(["retain-modified-dates"]), maxShiftDays: 30 });
  const a = readDicom(deidentifyBytes(synthetic({ PatientID: "P9", StudyDate: "20200110", ContentDate: "20200115" }), opts).output);
  const study = getText(a.dataset, tag(0x08, 0x20))!;
  const content = getText(a.dataset, tag(0x08, 0x23))!;
  const day = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8)) / 864e5;
  assert.notEqual(study, "20200110");
  assert.equal(day(content) - day(study), 5);
  assert.ok(Math.abs(day(study) - day("20200110")) <= 30);
  assert.equal(getText(a.dataset, tag(0x28, 0x303)), "MODIFIED");
});

test("when an attribute a recipe keeps repeats the patient's name then the residual check fails the file", () => {
  const src = synthetic({ PatientName: "QUIXOTE^ALONSO", ManufacturerModelName: "SCANNER OF QUIXOTE ALONSO" });
  const recipe = parseRecipe('{ "rules": [ { "match": { "keyword": "ManufacturerModelName" }, "action": "keep" } ] }');
  assert.throws(() => deidentifyBytes(src, base({ recipe })), (e: unknown) => e instanceof DicomError && e.code === "RESIDUAL_PHI" && !/QUIXOTE/.test(e.message) && /\(0008,1090\)/.test(e.message));
  // Without the recipe the profile keeps the text and takes the name out of it.
  assert.equal(getText(readDicom(deidentifyBytes(src, base()).output).dataset, tag(0x08, 0x1090)), "SCANNER OF [REMOVED]");
});

test("when the patient's name is a placeholder then a kept text with that word is no residual", () => {
  const src = synthetic({ PatientName: "unknown^unknown", ManufacturerModelName: "UNKNOWN MODEL" });
  const out = readDicom(deidentifyBytes(src, base()).output);
  assert.equal(getText(out.dataset, tag(0x0008, 0x1090)), "UNKNOWN MODEL");
});

test("when UIDs are retained then digits of a date inside a kept UID are no residual", () => {
  const src = synthetic({ PatientID: "P1", StudyDate: "20170101", SOPInstanceUID: "1.2.3.20170101.4" });
  const out = readDicom(deidentifyBytes(src, base({ profile: optionsFromNames(["retain-uids"]) })).output);
  assert.equal(getText(out.dataset, T.sop), "1.2.3.20170101.4");
  assert.equal(getText(out.dataset, tag(0x0008, 0x0020)), "");
});

test("when the patient is named like a word of the marking then the marking is no residual", () => {
  const src = synthetic({ PatientName: "Patient^Test", PatientID: "P1" });
  const out = readDicom(deidentifyBytes(src, base({ profile: optionsFromNames(["retain-patient-characteristics"]) })).output);
  assert.match(getText(out.dataset, tag(0x0012, 0x0063))!, /Patient Characteristics/);
});

test("when a recipe keeps an attribute then the recipe wins over the profile", () => {
  const recipe = parseRecipe('{ "rules": [ { "match": { "keyword": "StudyDescription" }, "action": "keep" }, { "match": { "keyword": "InstitutionName" }, "action": { "replace": "SITE A" } } ] }');
  const f = readDicom(deidentifyBytes(synthetic({ StudyDescription: "KNEE MRI", InstitutionName: "GENERAL HOSPITAL" }), base({ recipe })).output);
  assert.equal(getText(f.dataset, tag(0x08, 0x1030)), "KNEE MRI");
  assert.equal(getText(f.dataset, tag(0x08, 0x80)), "SITE A");
});

test("when private elements exist then they and their creators go, unless safe and retained", () => {
  const f0 = readDicom(fixtureBytes("dicom/SC_rgb_small_odd_3x3.dcm"));
  setValue(f0.dataset, '(0019,"SIEMENS MR HEADER",0C)', ["1000"], { vr: "IS" });
  setValue(f0.dataset, '(0019,"SIEMENS MR HEADER",99)', ["SECRET-NOTE"], { vr: "LO" });
  const src = writeDicom(f0);
  const plain = readDicom(deidentifyBytes(src, base()).output);
  assert.equal(plain.dataset.elements.filter((e) => e.tag >>> 16 === 0x19).length, 0);
  const safe = readDicom(deidentifyBytes(src, base({ profile: optionsFromNames(["retain-safe-private"]) })).output);
  const kept = safe.dataset.elements.filter((e) => e.tag >>> 16 === 0x19).map((e) => (e.tag & 0xff));
  assert.deepEqual(kept, [0x10, 0x0c]);
});

test("when a mapping file lacks the patient then the file fails closed", () => {
  assert.throws(() => deidentifyBytes(synthetic({ PatientID: "NOT-MAPPED" }), base({ pseudonym: { prefix: "X", mapping: { OTHER: { id: "S1" } } } })), /mapping/);
});

test("when linkage is asked for then the report carries original and new identity", () => {
  const { report } = deidentifyBytes(synthetic({ PatientID: "P77", PatientName: "ROE^RICHARD" }), base({ linkage: true }));
  assert.equal(report.linkage!.original_patient_id, "P77");
  assert.match(report.linkage!.pseudonym_id, /^ANON-/);
  assert.ok(report.linkage!.new_study_uid.startsWith("2.25."));
});

test("when a name in a CJK script is three characters long then it is identifying: a text outside E.1-1 loses it", () => {
  const f = readDicom(fixtureBytes("dicom/SC_rgb_small_odd_3x3.dcm"));
  setValue(f.dataset, "SpecificCharacterSet", ["ISO_IR 192"]);
  setValue(f.dataset, "PatientName", ["김희중"]);
  setValue(f.dataset, "TextValue", ["김희중님 검사 결과: stable"]);
  const { output } = deidentifyBytes(writeDicom(f), base());
  assert.equal(getText(readDicom(output).dataset, tag(0x40, 0xa160)), "[REMOVED]님 검사 결과: stable");
});

test("when a Japanese name stands in a text outside E.1-1 then it is scrubbed in the file's ISO 2022 character set", () => {
  const f = readDicom(fixtureBytes("dicom/chrJapMulti.dcm"));
  const name = getText(f.dataset, T.name)!;
  setValue(f.dataset, "TextValue", [`Report for ${name}: stable`]);
  const out = readDicom(deidentifyBytes(writeDicom(f), base()).output);
  assert.equal(getText(out.dataset, tag(0x40, 0xa160)), "Report for [REMOVED]: stable");
});

test("when a text outside E.1-1 writes the name in the usual order with prefix and middle initial then it is scrubbed whole", () => {
  const src = synthetic({ PatientName: "OSTERMAN^PHILLIP^B.^DR.", TextValue: "Seen by Dr. Phillip B. Osterman today" });
  const { output } = deidentifyBytes(src, base());
  assert.equal(getText(readDicom(output).dataset, tag(0x40, 0xa160)), "Seen by [REMOVED] today");
});

test("when Clean Descriptors leaves a one-word name the text detector lets pass then the scrub takes it, and the file is not quarantined", () => {
  const src = synthetic({ PatientName: "TEST", StudyDescription: "CT CHEST for TEST 2" });
  const { output } = deidentifyBytes(src, base({ profile: optionsFromNames(["clean-descriptors"]) }));
  assert.equal(getText(readDicom(output).dataset, tag(0x08, 0x1030)), "CT CHEST for [REMOVED] 2");
});

test("when a code value outside E.1-1 equals a removed step ID then it stays (SH holds codes there, it is not scrubbed)", () => {
  const f = readDicom(fixtureBytes("dicom/SC_rgb_small_odd_3x3.dcm"));
  setValue(f.dataset, "ScheduledProcedureStepID", ["RC301"]);
  setValue(f.dataset, "ConceptNameCodeSequence[0].CodeValue", ["RC301"]);
  setValue(f.dataset, "ConceptNameCodeSequence[0].CodeMeaning", ["Chest CT routine RC301"]);
  const out = readDicom(deidentifyBytes(writeDicom(f), base()).output);
  const code = out.dataset.get(tag(0x40, 0xa043))!.items![0].dataset;
  assert.equal(getText(code, tag(0x08, 0x100)), "RC301");
  assert.equal(getText(code, tag(0x08, 0x104)), "Chest CT routine RC301");
});
