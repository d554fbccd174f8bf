import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DicomError } from "../../src/core/errors.js";
import { describeError, runTask } from "../../src/pipeline/task.js";
import type { ProcessorModule } from "../../src/pipeline/types.js";
import { removeDir, tempDir } from "./helpers/tree.js";

const dicomLike = new Uint8Array([...new Uint8Array(128), 0x44, 0x49, 0x43, 0x4d, 2, 0, 0, 0]);
const fake = (p: ProcessorModule["processFile"]): ProcessorModule => ({ processFile: p });

test("when one file is run then results, throws and bad outcomes become statuses as in the table", async () => {
  const dir = tempDir();
  try {
    const path = join(dir, "x.dcm");
    writeFileSync(path, dicomLike);
    writeFileSync(join(dir, "t.txt"), "hello world, not DICOM");
    const task = { absPath: path, relPath: "x.dcm" };
    const ok = { status: "ok" as const, counts: {}, diagnostics: [] };
    const cases: [string, ProcessorModule, string, string?][] = [
      ["ok", fake((b) => ({ output: b, outcome: ok })), "ok"],
      ["ok without bytes", fake(() => ({ outcome: ok })), "failed", "NO_OUTPUT"],
      ["no outcome", fake(() => ({}) as never), "failed", "INTERNAL"],
      ["throws DicomError", fake(() => { throw new DicomError("TRUNCATED", "short"); }), "failed", "TRUNCATED"],
      ["throws NOT_DICOM", fake(() => { throw new DicomError("NOT_DICOM", "no"); }), "notDicom", "NOT_DICOM"],
      ["reports NOT_DICOM", fake(() => ({ outcome: { status: "failed", code: "NOT_DICOM", counts: {}, diagnostics: [] } })), "notDicom", "NOT_DICOM"],
      ["rejects", fake(async () => { throw new RangeError("value 123"); }), "failed", "INTERNAL"],
    ];
    for (const [name, proc, status, code] of cases) {
      const r = await runTask(task, proc, undefined);
      assert.equal(r.status, status, name);
      if (code) assert.equal(r.outcome.code, code, name);
      assert.equal(r.size, dicomLike.length, name);
    }
    const notDicom = await runTask({ absPath: join(dir, "t.txt"), relPath: "t.txt" }, fake(() => { throw new Error("not called"); }), undefined);
    assert.equal(notDicom.status, "notDicom");
    const missing = await runTask({ absPath: join(dir, "gone.dcm"), relPath: "gone.dcm" }, fake(() => { throw new Error("not called"); }), undefined);
    assert.deepEqual([missing.status, missing.outcome.code, missing.outcome.reason], ["failed", "READ", "cannot read input (ENOENT)"]);
  } finally {
    removeDir(dir);
  }
});

test("when a task names a staging file then the output is written there and the result names it instead of carrying bytes", async () => {
  const dir = tempDir();
  try {
    const path = join(dir, "x.dcm");
    writeFileSync(path, dicomLike);
    const ok = { status: "ok" as const, counts: {}, diagnostics: [] };
    const proc = fake((b) => ({ output: b.subarray(0, 132), outcome: ok }));
    const r = await runTask({ absPath: path, relPath: "x.dcm", stageTo: join(dir, "0.part") }, proc, undefined);
    assert.deepEqual([r.status, r.staged, r.output], ["ok", join(dir, "0.part"), undefined]);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, "0.part"))), dicomLike.subarray(0, 132));
    const taken = await runTask({ absPath: path, relPath: "x.dcm", stageTo: join(dir, "0.part") }, proc, undefined);
    assert.deepEqual([taken.status, taken.outcome.code, taken.outcome.reason], ["failed", "WRITE", "cannot write output (EEXIST)"]);
  } finally {
    removeDir(dir);
  }
});

test("when an unexpected error is described then its message (which may hold a value) is left out", () => {
  const d = describeError(new TypeError("Cannot parse DOE^JOHN"));
  assert.equal(d.code, "INTERNAL");
  assert.match(d.reason, /^processor threw TypeError at task\.test\.ts:\d+$/);
  assert.deepEqual(describeError(new DicomError("BAD_VR", "bad VR")), { code: "BAD_VR", reason: "bad VR" });
  assert.deepEqual(describeError("x"), { code: "INTERNAL", reason: "processor threw a non-error value" });
});
