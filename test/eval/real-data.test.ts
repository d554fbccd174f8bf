// On the shared real data (skipped when absent): redacting exactly the ground-truth value boxes
// with the project's own redaction must measure as every value hidden at precision 1, and the
// residual OCR must read values in the original but none in the output.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { measureCoverage } from "../../src/eval/coverage.js";
import { besidePath, lookupGroundTruth, parseGroundTruthText } from "../../src/eval/ground-truth.js";
import { residualOcr } from "../../src/eval/residual-ocr.js";
import type { OcrEngine } from "../../src/ocr/engine.js";
import { createTesseractJsEngine } from "../../src/ocr/tesseract-js.js";
import { sharedData } from "../ocr/fixture.js";
import { redacted } from "./helpers.js";

const data = sharedData();
const overlay = data ? join(data, "overlay-phi") : undefined;
const skip = !overlay || !existsSync(overlay) ? "shared data absent" : undefined;
/** Three images of different sizes, by position (names are not printed). */
const picks = skip ? [] : readdirSync(overlay!).filter((f) => f.endsWith(".dcm")).sort().filter((_, i) => i % 60 === 0);

let engine: OcrEngine | undefined;
before(async () => {
  if (!skip) engine = await createTesseractJsEngine({ workers: 1 });
});
after(async () => {
  await engine?.close();
});

function load(path: string) {
  const bytes = new Uint8Array(readFileSync(path));
  const truth = lookupGroundTruth(parseGroundTruthText(readFileSync(besidePath(path), "utf8")), path.slice(path.lastIndexOf("/") + 1))!;
  return { bytes, truth };
}

test("when exactly the overlay-phi value boxes are redacted then every value is hidden at precision 1", { skip }, async () => {
  for (const name of picks) {
    const { bytes, truth } = load(join(overlay!, name));
    const c = await measureCoverage(bytes, await redacted(bytes, truth.values.map((v) => v.box)), truth);
    assert.equal(c.hidden, truth.values.length);
    assert.equal(c.hiddenStrict, truth.values.length);
    assert.equal(c.precision, 1);
  }
});

test("when the values are redacted then OCR reads values in the original and none in the output", { skip }, async () => {
  const { bytes, truth } = load(join(overlay!, picks[0]));
  // The spans too: a value wrapped over lines is boxed on one line only.
  const output = await redacted(bytes, [...truth.values, ...(truth.spans ?? [])].map((v) => v.box));
  const beforeRedaction = await residualOcr(engine!, bytes, truth);
  const afterRedaction = await residualOcr(engine!, output, truth, { original: bytes });
  assert.ok(beforeRedaction.readable >= 2, `readable before: ${beforeRedaction.readable}`);
  assert.equal(afterRedaction.readable, 0);
});

test("when the Presidio ground truth of the CT localizer is used then its boxes index the pixels", { skip }, async () => {
  const gtPath = join(data!, "dicom", "ground_truth", "presidio__2_ORIGINAL_CT_localizer.pixel_phi_boxes.json");
  const dcm = join(data!, "dicom", "pixel_phi", "presidio__2_ORIGINAL_CT_localizer.dcm");
  const truth = lookupGroundTruth(parseGroundTruthText(readFileSync(gtPath, "utf8")), "presidio__2_ORIGINAL_CT_localizer.dcm")!;
  assert.equal(truth.values.length, 5);
  const bytes = new Uint8Array(readFileSync(dcm));
  const c = await measureCoverage(bytes, await redacted(bytes, truth.values.map((v) => v.box)), truth);
  assert.equal(c.hidden, 5);
  assert.equal(c.precision, 1);
});
