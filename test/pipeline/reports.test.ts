import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDicomError } from "../../src/core/errors.js";
import { formatSummary, LinkageWriter } from "../../src/pipeline/reports.js";
import { BatchTally } from "../../src/pipeline/tally.js";
import { removeDir, tempDir } from "./helpers/tree.js";

test("when linkage rows are appended then the header is written once, mode is 0600 and foreign columns are refused", () => {
  const dir = tempDir();
  try {
    const path = join(dir, "link.csv");
    const w = new LinkageWriter(path);
    assert.equal(w.check([{ a: "1", b: "2" }]), undefined);
    w.append([{ a: "1", b: "2" }]);
    assert.match(w.check([{ a: "1", c: "3" }]) ?? "", /column/);
    w.close();
    const again = new LinkageWriter(path);
    again.append([{ b: "4", a: "3" }]);
    again.close();
    assert.equal(readFileSync(path, "utf8"), "a,b\n1,2\n3,4\n");
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.throws(() => new LinkageWriter(path, ["x"]), (e) => isDicomError(e) && e.code === "CONFIG");
    writeFileSync(join(dir, "q.csv"), '"a,1",b\n');
    const q = new LinkageWriter(join(dir, "q.csv"));
    assert.equal(q.check([{ "a,1": "x" }]), undefined);
    q.close();
  } finally {
    removeDir(dir);
  }
});

test("when a summary is formatted then totals, codes and counters appear sorted", () => {
  const t = new BatchTally();
  t.add("ok", { status: "ok", outcome: { status: "ok", counts: { "action:X": 3 }, diagnostics: [{ rule: "r1", severity: "warning", reason: "x" }] }, ms: 1 });
  t.add("failed", { status: "failed", outcome: { status: "failed", code: "TRUNCATED", counts: {}, diagnostics: [] }, ms: 1 });
  const s = t.summary({ seconds: 2, workers: 2, found: 2, interrupted: false, linkageRows: 0, startedAt: "2025-01-01T00:00:00.000Z" });
  assert.deepEqual({ files: s.files, ok: s.ok, failed: s.failed, fps: s.filesPerSecond }, { files: 2, ok: 1, failed: 1, fps: 1 });
  const text = formatSummary(s);
  assert.match(text, /failures by code:\n {2}TRUNCATED: 1\n/);
  assert.match(text, /counts:\n {2}action:X: 3\n/);
  assert.match(text, /diagnostics by rule:\n {2}r1: 1\n/);
});
