import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { Command } from "commander";
import { registerEval } from "../../src/cli/commands/eval.js";
import { withCliStreams } from "../../src/cli/io.js";
import { paintedFixture, redacted } from "./helpers.js";

const root = mkdtempSync(join(tmpdir(), "dicom-deid-eval-cli-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** Runs `eval` with the arguments; resolves to the exit code and what was printed. */
async function run(args: string[]): Promise<{ code: number; out: string }> {
  const program = new Command().exitOverride();
  let code = -1;
  registerEval(program, (c) => {
    code = c;
  });
  let out = "";
  const stdout = { write: (chunk: string | Uint8Array) => { out += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString(); } };
  await withCliStreams({ stdout, stderr: { write: () => undefined } }, () => program.parseAsync(["eval", ...args], { from: "user" }));
  return { code, out };
}

test("when eval runs on a folder then it prints indexes, not names, writes JSON and HTML, and exits 0 below target", async () => {
  const original = join(root, "in");
  const output = join(root, "out");
  mkdirSync(original);
  mkdirSync(output);
  const value = { x: 24, y: 4, w: 30, h: 8 };
  const image = paintedFixture([value], 4000);
  writeFileSync(join(original, "Tester_Alpha.dcm"), image);
  writeFileSync(join(original, "Tester_Alpha.json"), JSON.stringify({ annotation: [{ key: { text: "ID" }, value: { text: "SECRETVALUE", bbox: [24, 4, 54, 12] } }] }));
  writeFileSync(join(output, "Tester_Alpha.dcm"), await redacted(image, [{ x: 0, y: 0, w: 64, h: 64 }]));
  const { code, out } = await run([original, output, "--no-residual", "--json", join(root, "r.json"), "--html", join(root, "r.html")]);
  assert.equal(code, 0);
  assert.match(out, /recall: 1\.0000 \(target >= 0\.99: met\)/);
  assert.match(out, /precision: 0\.\d+ \(target >= 0\.9: below\)/);
  const files = out + readFileSync(join(root, "r.json"), "utf8") + readFileSync(join(root, "r.html"), "utf8");
  assert.ok(!files.includes("Tester") && !files.includes("SECRET"));
});

test("when the output folder does not exist then eval fails with a usage error", async () => {
  const { code } = await run([root, join(root, "missing")]);
  assert.equal(code, 2);
});

test("when eval is given a block margin then precision counts redacted pixels within that margin of the ground truth", async () => {
  const original = join(root, "in-margin");
  const output = join(root, "out-margin");
  mkdirSync(original);
  mkdirSync(output);
  const image = paintedFixture([{ x: 24, y: 4, w: 30, h: 8 }], 4000);
  writeFileSync(join(original, "a.dcm"), image);
  writeFileSync(join(original, "a.json"), JSON.stringify({ annotation: [{ key: { text: "ID" }, value: { text: "V", bbox: [24, 4, 54, 12] } }] }));
  // Redacted 8 px around the value: outside the default 3-px block, inside an 8-px one.
  writeFileSync(join(output, "a.dcm"), await redacted(image, [{ x: 16, y: 0, w: 46, h: 20 }]));
  assert.match((await run([original, output, "--no-residual"])).out, /precision: 0\.\d+ \(target >= 0\.9: below\)/);
  assert.match((await run([original, output, "--no-residual", "--block-margin", "8"])).out, /precision: 1\.0000 \(target >= 0\.9: met\)/);
  assert.equal((await run([original, output, "--no-residual", "--block-margin", "-1"])).code, 2);
});
