import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { isDicomError } from "../../src/core/errors.js";
import { checkBatchPaths, isInside, normalizeOutputRelPath, pathId, suffixedPath } from "../../src/pipeline/paths.js";
import { removeDir, tempDir } from "./helpers/tree.js";

test("when output paths are normalized then unsafe ones are refused", () => {
  const cases: [unknown, string | undefined][] = [
    ["a/b/c.dcm", "a/b/c.dcm"], ["c.dcm", "c.dcm"], ["../c.dcm", undefined], ["a/../c.dcm", undefined], ["/etc/x", undefined],
    ["a//b", undefined], ["./a", undefined], ["a/", undefined], ["", undefined], ["a\0b", undefined], ["C:x", undefined],
    [".x.dcm.1.0123abcd.tmp", undefined], [42, undefined], ["x".repeat(256), undefined],
  ];
  for (const [p, want] of cases) assert.equal(normalizeOutputRelPath(p), want, String(p));
});

test("when a collision suffix is made then it comes from the input id and keeps the extension", () => {
  const id = pathId("in/x.dcm");
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.equal(suffixedPath("p/s/img.dcm", id), `p/s/img-${id.slice(0, 8)}.dcm`);
  assert.equal(suffixedPath("p/noext", id, 1), `p/noext-${id.slice(0, 16)}`);
  assert.equal(suffixedPath(".dcm", id, 2), `.dcm-${id.slice(0, 16)}-2`);
});

test("when paths nest then isInside says so, and sibling prefixes do not count", () => {
  assert.equal(isInside("/a/b", "/a"), true);
  assert.equal(isInside("/a", "/a"), true);
  assert.equal(isInside("/ab", "/a"), false);
  assert.equal(isInside("/a/..b", "/a"), true);
  assert.equal(isInside("/", "/a"), false);
});

test("when the output reaches the input through a symlink then the batch paths are refused", () => {
  const root = tempDir();
  try {
    mkdirSync(join(root, "in/sub"), { recursive: true });
    symlinkSync(join(root, "in/sub"), join(root, "alias"));
    assert.throws(() => checkBatchPaths({ input: join(root, "in"), output: join(root, "alias/out") }), (e) => isDicomError(e) && e.code === "CONFIG");
    const ok = checkBatchPaths({ input: join(root, "in"), output: join(root, "out") });
    assert.equal(ok.inputIsFolder, true);
    assert.equal(ok.reportDir, ok.output);
  } finally {
    removeDir(root);
  }
});
