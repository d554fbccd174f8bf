import { test } from "node:test";
import assert from "node:assert/strict";
import { canonicalVR, entryFromRow, publishedVRs } from "../../src/dictionary/entry.js";

test("when a published VR is split then every alternative is kept in order", () => {
  assert.deepEqual(publishedVRs("US or SS or OW"), ["US", "SS", "OW"]);
  assert.deepEqual(publishedVRs("PN"), ["PN"]);
  assert.deepEqual(publishedVRs("See Note 2"), []);
  assert.deepEqual(publishedVRs(""), []);
});

test("when a canonical VR is chosen then OB or OW gives OW, others the first, none UN", () => {
  const cases: [string[], string][] = [
    [["OB", "OW"], "OW"], [["US", "SS"], "US"], [["US", "OW"], "US"], [["US", "SS", "OW"], "US"], [["LO"], "LO"], [[], "UN"],
  ];
  for (const [vrs, vr] of cases) assert.equal(canonicalVR(vrs), vr, vrs.join(" or "));
});

test("when a row becomes an entry then the retired flag and VR lists are set", () => {
  const e = entryFromRow(["(60xx,3000)", "OverlayData", "Overlay Data", "OB or OW", "1"]);
  assert.deepEqual(e, { tag: "(60xx,3000)", keyword: "OverlayData", name: "Overlay Data", vr: "OW", vrs: ["OB", "OW"], vm: "1", retired: false });
  assert.equal(entryFromRow(["(0008,0010)", "RecognitionCode", "Recognition Code", "SH", "1", 1]).retired, true);
  assert.ok(Object.isFrozen(e));
});
