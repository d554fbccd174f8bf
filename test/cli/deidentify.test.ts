import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";
import { setValue } from "../../src/dataset/edit.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import { fixtureBytes } from "../helpers/hex.js";

const run = runCli;

/** An input folder with one file named after its patient and one neutral name. */
function namedInput(root: string): string {
  const input = join(root, "in");
  mkdirSync(input);
  const file = readDicom(fixtureBytes("dicom/MR_small_implicitLE.dcm"));
  setValue(file.dataset, "PatientName", ["Nightingale^Florence"]);
  const bytes = writeDicom(file);
  writeFileSync(join(input, "MR_for_Florence_Nightingale.dcm"), bytes);
  writeFileSync(join(input, "IM0001.dcm"), bytes);
  return input;
}

for (const [layout, warned] of [["mirror", true], ["patient/study/series", false]] as const) {
  test(`when deidentify runs with --layout ${layout} then the files are written, no staging folder stays, and a name in a mirrored path ${warned ? "is" : "is not"} warned about without the value`, async () => {
    const root = mkdtempSync(join(tmpdir(), "dicom-deid-cli-"));
    try {
      const input = namedInput(root);
      const output = join(root, "out");
      const r = await run(["deidentify", input, output, "--secret", "cli-test-secret", "--pixels", "off", "--layout", layout]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /2 de-identified, 0 failed/);
      assert.ok(!readdirSync(output).includes(".dicom-deid-staging"));
      assert.equal(/warning: 1 output file name\(s\), mirrored from the input, hold a patient name or ID/.test(r.err), warned, r.err);
      assert.doesNotMatch(r.out + r.err, /nightingale|florence/i);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}
