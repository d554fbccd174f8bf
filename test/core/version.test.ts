import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { VERSION, TOOL_NAME_VERSION } from "../../src/core/version.js";
import { IMPLEMENTATION_VERSION_NAME } from "../../src/io/write/write-file.js";
import { TOOL_TEXT } from "../../src/deid/deidentify.js";
import { runCli } from "../helpers/cli.js";

test("when the version is read then it is package.json's", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  assert.equal(VERSION, pkg.version);
});

test("when files are marked then De-identification Method and the implementation version name carry the version", () => {
  assert.equal(TOOL_TEXT, `dicom-deid ${VERSION}`);
  assert.equal(TOOL_NAME_VERSION, TOOL_TEXT);
  // PS3.7 D.3.3.2: Implementation Version Name is an SH, 16 characters at most.
  assert.ok(IMPLEMENTATION_VERSION_NAME.length <= 16);
  assert.equal(IMPLEMENTATION_VERSION_NAME, `DICOM_DEID_${VERSION.replace(/[^0-9]/g, "")}`);
});

test("when --version or -V is given then the CLI prints the version and exits 0", async () => {
  for (const flag of ["--version", "-V"]) {
    const r = await runCli([flag]);
    assert.equal(r.code, 0);
    assert.equal(r.out.trim(), VERSION);
  }
});
