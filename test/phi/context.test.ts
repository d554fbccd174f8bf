import { test } from "node:test";
import assert from "node:assert/strict";
import { contextFromValues, emptyContext } from "../../src/phi/context.js";

test("when header values are routed then each lands in its list by VR and keyword", () => {
  const ctx = contextFromValues([
    { keyword: "PatientName", vr: "PN", value: "DOE^JANE" },
    { keyword: "OtherPatientNames", vr: "PN", value: "DOE^J\\ROE^JANE" },
    { keyword: "PatientID", vr: "LO", value: "A123" },
    { keyword: "AccessionNumber", vr: "SH", value: "X99" },
    { keyword: "PatientBirthDate", vr: "DA", value: "19450315" },
    { keyword: "AcquisitionDateTime", vr: "DT", value: "20010911134507" },
    { keyword: "StudyTime", vr: "TM", value: "134507" },
    { keyword: "PatientAge", vr: "AS", value: "056Y" },
    { keyword: "InstitutionName", vr: "LO", value: "General" },
    { keyword: "InstitutionAddress", vr: "ST", value: "1 Main St" },
    { keyword: "PatientTelephoneNumbers", vr: "SH", value: "555-0100" },
    { keyword: "StationName", vr: "SH", value: "CT1" },
    { keyword: "StudyInstanceUID", vr: "UI", value: "1.2.3" },
    { keyword: "StudyDescription", vr: "LO", value: "CT CHEST" },
    { keyword: "", vr: "LO", value: "private" },
  ]);
  assert.deepEqual(ctx.personNames, ["DOE^JANE", "DOE^J", "ROE^JANE"]);
  assert.deepEqual(ctx.ids, ["A123", "X99"]);
  assert.deepEqual(ctx.dates, ["19450315", "20010911134507"]);
  assert.deepEqual(ctx.times, ["134507"]);
  assert.deepEqual(ctx.ages, ["056Y"]);
  assert.deepEqual(ctx.institutions, ["General"]);
  assert.deepEqual(ctx.addresses, ["1 Main St"]);
  assert.deepEqual(ctx.phones, ["555-0100"]);
  assert.deepEqual(ctx.other, ["CT1"]);
});

test("when a context is empty then every list is empty", () => {
  const ctx = emptyContext();
  assert.equal(Object.values(ctx).every((v) => Array.isArray(v) && v.length === 0), true);
});
