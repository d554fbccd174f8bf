import assert from "node:assert/strict";
import { test } from "node:test";
import { isDicomError } from "../../src/core/errors.js";
import { besidePath, foldForMatch, lookupGroundTruth, parseGroundTruth, parseGroundTruthText, valueTokens } from "../../src/eval/ground-truth.js";

// Synthetic ground truth: no real person.
const overlay = {
  filename: "case-1.dcm",
  annotation: [
    { key: { text: "Name", bbox: [10, 20, 40, 30] }, value: { text: "TESTER ALPHA", bbox: [44, 20, 100, 30] } },
    { key: { text: "DOB" }, value: { text: "01/02/1934", bbox: [44, 40, 90, 52] } },
    { key: { text: "Institution Name", bbox: [10, 60, 70, 70] }, value: { text: "", bbox: [0, 0, 0, 0] } },
  ],
};

test("when an overlay-phi document is parsed then boxes become x, y, w, h and keys without a bbox are skipped", () => {
  const index = parseGroundTruth(overlay);
  const truth = index.byPath.get("case-1.dcm")!;
  assert.deepEqual(truth.values.map((v) => v.box), [{ x: 44, y: 20, w: 56, h: 10 }, { x: 44, y: 40, w: 46, h: 12 }]);
  assert.deepEqual(truth.values.map((v) => v.label), ["Name", "DOB"]);
  assert.deepEqual(truth.keys.map((k) => k.box), [{ x: 10, y: 20, w: 30, h: 10 }, { x: 10, y: 60, w: 60, h: 10 }]);
});

test("when a value is serialised then its text and tokens are left out", () => {
  const truth = parseGroundTruth(overlay).byPath.get("case-1.dcm")!;
  assert.deepEqual(truth.values[0].tokens, ["TE5TER", "A1PHA"]);
  const json = JSON.stringify(truth) + JSON.stringify({ ...truth.values[0] });
  assert.ok(!/TESTER|TE5TER|ALPHA|A1PHA|1934/.test(json), json);
});

test("when Presidio boxes come as a list, a map or the shared corpus file then each is indexed", () => {
  const box = { label: "TESTER", left: 1, top: 2, width: 30, height: 10 };
  const list = parseGroundTruth([box]);
  assert.deepEqual(list.any!.values[0].box, { x: 1, y: 2, w: 30, h: 10 });
  assert.equal(list.any!.values[0].label, undefined, "a Presidio label is the PHI text, not a label");
  assert.deepEqual(list.any!.values[0].tokens, ["TE5TER"]);
  const map = parseGroundTruth({ "sample_data/2_ORIGINAL.dcm": [box], "sample_data/3_ORIGINAL.dcm": [] });
  assert.equal(lookupGroundTruth(map, "2_ORIGINAL.dcm")!.values.length, 1);
  assert.equal(lookupGroundTruth(map, "sample_data/3_ORIGINAL.dcm")!.values.length, 0);
  assert.equal(lookupGroundTruth(map, "other.dcm"), undefined);
  const shared = parseGroundTruth({ dicom_file: "pixel_phi/ct.dcm", boxes_as_published: [box], boxes_in_image_pixels: [{ ...box, left: 0, top: 0 }] });
  assert.deepEqual(lookupGroundTruth(shared, "sub/ct.dcm")!.values[0].box, { x: 0, y: 0, w: 30, h: 10 });
});

test("when ground truth is malformed then a CONFIG error names the place, never a value", () => {
  for (const text of ["{", '{"annotation": [{"value": {"text": "SECRETNAME", "bbox": [1, 2]}}]}', '[{"label": "SECRETNAME", "left": "x"}]', "42"]) {
    assert.throws(() => parseGroundTruthText(text), (e) => isDicomError(e) && e.code === "CONFIG" && !e.message.includes("SECRETNAME"));
  }
});

test("when text is folded then case, O/0, I/l/1, S/5 and punctuation do not matter", () => {
  assert.equal(foldForMatch("Sol-1"), foldForMatch("501 I"));
  assert.deepEqual(valueTokens("Jo  SMITH 08/04/1932"), ["5M1TH", "08041932"]);
  assert.deepEqual(valueTokens("Kim, Jones and Frazier Medical Center"), ["K1M", "J0NE5", "FRAZ1ER", "MED1CA1", "CENTER"]);
});

test("when a DICOM path is given then the ground truth beside it has the same base name", () => {
  assert.equal(besidePath("/a/b/img.001.dcm"), "/a/b/img.001.json");
  assert.equal(besidePath("/a/b/IMG"), "/a/b/IMG.json");
});

test("when a value sits on another line than its key then the block spans both", () => {
  const wrapped = parseGroundTruth({
    annotation: [{ key: { text: "Institution Name", bbox: [10, 10, 80, 20] }, value: { text: "A B C", bbox: [84, 30, 120, 40] } }],
  });
  assert.deepEqual(wrapped.any!.spans, [{ box: { x: 10, y: 10, w: 110, h: 30 } }]);
  assert.equal(parseGroundTruth(overlay).byPath.get("case-1.dcm")!.spans, undefined);
});
