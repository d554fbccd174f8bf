import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";
import { setValue } from "../../src/dataset/edit.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import { fixtureBytes } from "../helpers/hex.js";
import { getText } from "../../src/dataset/values.js";
import { tag } from "../../src/core/tag.js";

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

for (const [flags, message] of [
  [["--pseudonym-length", "5"], /--pseudonym-length must be a whole number from 6 to 26/],
  [["--pseudonym-prefix", "A\\B"], /--pseudonym-prefix must be 1-16 letters, digits, _ or -/],
] as const) {
  test(`when deidentify is given ${flags.join(" ")} then it stops with a CONFIG error before any file`, async () => {
    const root = mkdtempSync(join(tmpdir(), "dicom-deid-cli-"));
    try {
      const r = await run(["deidentify", namedInput(root), join(root, "out"), "--secret", "cli-test-secret", "--pixels", "off", ...flags]);
      assert.notEqual(r.code, 0);
      assert.match(r.err + r.out, message);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
}

test("when deidentify is given a pseudonym length then the new patient IDs carry that many code characters", async () => {
  const root = mkdtempSync(join(tmpdir(), "dicom-deid-cli-"));
  try {
    const output = join(root, "out");
    const r = await run(["deidentify", namedInput(root), output, "--secret", "cli-test-secret", "--pixels", "off", "--pseudonym-length", "16", "--pseudonym-prefix", "TRIAL7"]);
    assert.equal(r.code, 0, r.err);
    const id = readDicom(new Uint8Array(readFileSync(join(output, "IM0001.dcm")))).dataset;
    assert.match(String(getText(id, tag(0x0010, 0x0020))), /^TRIAL7-[0-9A-Z]{16}$/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("when the reader of --events - goes away mid-batch then the batch still does every file and exits as usual", async () => {
  const { spawn } = await import("node:child_process");
  const { fileURLToPath } = await import("node:url");
  const root = mkdtempSync(join(tmpdir(), "dicom-deid-epipe-"));
  try {
    const input = join(root, "in");
    const bytes = fixtureBytes("dicom/MR_small_implicitLE.dcm");
    for (let i = 0; i < 40; i++) {
      mkdirSync(join(input, String(i)), { recursive: true });
      writeFileSync(join(input, String(i), "IM0001.dcm"), bytes);
    }
    const mainTs = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
    const script = `const { main } = await import(${JSON.stringify(new URL(`file://${mainTs}`).href)}); process.exitCode = await main(process.argv.slice(1));`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script, "--",
      "deidentify", input, join(root, "out"), "--secret", "epipe-test-secret", "--pixels", "off", "--events", "-"], { stdio: ["ignore", "pipe", "pipe"] });
    // The reader goes away before the first event: every write to the pipe fails with EPIPE.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    assert.equal(code, 0, stderr);
    const summary = JSON.parse(readFileSync(join(root, "out", "summary.json"), "utf8"));
    assert.equal(summary.ok, 40);
    assert.match(stderr, /standard output was closed; the batch goes on/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
