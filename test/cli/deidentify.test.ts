import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { withCliStreams } from "../../src/cli/io.js";
import { setValue } from "../../src/dataset/edit.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import { fixtureBytes } from "../helpers/hex.js";

/** Runs the CLI in-process, capturing what it writes. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const streams = { stdout: { write: (s: string | Uint8Array) => { out += String(s); } }, stderr: { write: (s: string | Uint8Array) => { err += String(s); } } };
  const code = await withCliStreams(streams, () => main(args));
  return { code, out, err };
}

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
