import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../helpers/cli.js";
import { fixture, sameBytes, SHARED_DATA } from "../helpers/hex.js";
import { listFiles } from "../helpers/corpus.js";

const run = runCli;

test("when dump is run then tags, VRs, keywords and nesting are listed", async () => {
  const r = await run(["dump", fixture("dicom/rtplan.dcm")]);
  assert.equal(r.code, 0);
  assert.match(r.out, /\(300A,00B0\) SQ \(Sequence with \d+ items?\)\s+# \d+, BeamSequence/);
  assert.match(r.out, /^ {4}\(300A,00C2\) LO /m);
});

test("when dump --json is run then the DICOM JSON model comes out", async () => {
  const r = await run(["dump", "--json", fixture("dicom/chrJapMulti.dcm")]);
  assert.equal(r.code, 0);
  const json = JSON.parse(r.out);
  assert.equal(json["00100010"].vr, "PN");
  assert.ok(json["00100010"].Value[0].Alphabetic);
  assert.equal(json["00100010"].Value[0].Alphabetic, "やまだ^たろう");
});

test("when edit runs with no operations then the output is byte-identical", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicom-deid-"));
  try {
    const out = join(dir, "o.dcm");
    assert.equal((await run(["edit", fixture("dicom/rtplan.dcm"), "-o", out])).code, 0);
    assert.ok(sameBytes(new Uint8Array(readFileSync(out)), new Uint8Array(readFileSync(fixture("dicom/rtplan.dcm")))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("when edit would overwrite its input then it refuses with exit 1", async () => {
  const r = await run(["edit", fixture("dicom/rtplan.dcm"), "-o", fixture("dicom/rtplan.dcm"), "--set", "PatientName=X"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /refusing to overwrite an input/);
});

test("when the usage is wrong then exit code 2", async () => {
  assert.equal((await run(["edit", fixture("dicom/rtplan.dcm")])).code, 2);
  assert.equal((await run(["no-such-command"])).code, 2);
  assert.equal((await run(["edit", fixture("dicom/rtplan.dcm"), "-o", "/tmp/x.dcm", "--set", "novalue"])).code, 2);
});

test("when a path names an unknown keyword then exit 1 with a one-line error", async () => {
  const r = await run(["edit", fixture("dicom/rtplan.dcm"), "-o", "/tmp/never.dcm", "--set", "NoSuchKeyword=1"]);
  assert.equal(r.code, 1);
  assert.equal(r.err.trim().split("\n").length, 1);
});

test("when every malformed corpus file is dumped then it ends in a one-line error (exit 1) or a read (needs ../shared/data)", async (t) => {
  if (!SHARED_DATA) return t.skip("../shared/data is absent");
  for (const p of listFiles(`${SHARED_DATA}/dicom/malformed`)) {
    for (const lenient of [false, true]) {
      const r = await run(["dump", ...(lenient ? ["--lenient"] : []), p]);
      assert.ok(r.code === 0 || r.code === 1, p);
      if (r.code === 1) {
        assert.equal(r.err.trim().split("\n").length, 1, p);
        assert.doesNotMatch(r.err, /\n\s+at /);
      }
    }
  }
});
