import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parseGroundTruth } from "../../src/eval/ground-truth.js";
import { reportJson } from "../../src/eval/report.js";
import { evaluateFolders } from "../../src/eval/run.js";
import { formatEvalTable } from "../../src/eval/table.js";
import { paintedFixture, redacted } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "dicom-deid-eval-"));
after(() => rmSync(root, { recursive: true, force: true }));

const VALUE = { x: 24, y: 4, w: 30, h: 8 };
const NAME = "Tester_Alpha_case"; // a file name standing in for one that holds a patient name
const gt = { filename: `${NAME}.dcm`, annotation: [{ key: { text: "ID", bbox: [4, 4, 20, 12] }, value: { text: "SECRETVALUE", bbox: [24, 4, 54, 12] } }] };

async function setUp(): Promise<{ original: string; output: string }> {
  const original = join(root, "in");
  const output = join(root, "out");
  mkdirSync(join(original, "sub"), { recursive: true });
  mkdirSync(join(output, "sub"), { recursive: true });
  const image = paintedFixture([{ x: 4, y: 4, w: 16, h: 8 }, VALUE], 4000);
  writeFileSync(join(original, "sub", `${NAME}.dcm`), image);
  writeFileSync(join(original, "sub", `${NAME}.json`), JSON.stringify(gt));
  writeFileSync(join(output, "sub", `${NAME}.dcm`), await redacted(image, [{ ...VALUE, w: 20 }]));
  writeFileSync(join(original, "no-output.dcm"), image);
  writeFileSync(join(original, "notes.txt"), "not DICOM");
  return { original, output };
}

test("when folders are evaluated then files pair by relative path and ground truth is read beside the original", async () => {
  const { original, output } = await setUp();
  const report = await evaluateFolders({ original, output });
  assert.equal(report.totals.images, 2);
  assert.equal(report.totals.missingOutput, 1);
  assert.equal(report.totals.evaluated, 1);
  assert.equal(report.totals.values, 1);
  assert.equal(report.totals.hidden, 0, "two thirds of the value redacted is not hidden");
  assert.equal(report.totals.recall, 0);
  assert.equal(report.totals.precision, 1);
  assert.deepEqual(report.totals.byLabel, { ID: { values: 1, hidden: 0 } });
});

test("when an explicit ground truth is given then it wins over the file beside the original", async () => {
  const { original, output } = await setUp();
  const explicit = parseGroundTruth({ [`${NAME}.dcm`]: [{ label: "X", left: 24, top: 4, width: 20, height: 8 }] });
  const report = await evaluateFolders({ original, output, groundTruth: explicit });
  assert.equal(report.totals.hidden, 1);
});

test("when the report is printed or serialised then it holds no file name and no ground-truth text", async () => {
  const { original, output } = await setUp();
  const report = await evaluateFolders({ original, output });
  const text = formatEvalTable(report) + JSON.stringify(reportJson(report));
  assert.ok(!text.includes("Tester") && !text.includes("SECRET") && !text.includes("no-output"), text);
  assert.match(formatEvalTable(report), /recall: 0\.0000 \(target >= 0\.99: below\)/);
});
