import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isOwnTempFile, walkFiles, type WalkError } from "../../src/pipeline/walk.js";
import { removeDir, tempDir } from "./helpers/tree.js";

async function collect(root: string) {
  const ignored: string[] = [];
  const errors: WalkError[] = [];
  const files: string[] = [];
  for await (const e of walkFiles(root, { onIgnored: (p) => ignored.push(p), onError: (e) => errors.push(e) })) files.push(e.relPath);
  return { files, ignored, errors };
}

test("when a tree is walked then files come depth first in code-unit order with / separators", async () => {
  const root = tempDir();
  try {
    for (const p of ["b/z.dcm", "b/a/y.dcm", "a.dcm", "B.dcm", "c/d/e/f/g.dcm", "b/.x.dcm.42.0123abcd.tmp", "b/.hidden"]) {
      mkdirSync(join(root, p, ".."), { recursive: true });
      writeFileSync(join(root, p), "x");
    }
    symlinkSync(join(root, "b"), join(root, "link-to-b"));
    symlinkSync(join(root, "a.dcm"), join(root, "link-to-a.dcm"));
    const r = await collect(root);
    assert.deepEqual(r.files, ["B.dcm", "a.dcm", "b/.hidden", "b/a/y.dcm", "b/z.dcm", "c/d/e/f/g.dcm", "link-to-a.dcm"]);
    assert.deepEqual(r.ignored, ["b/.x.dcm.42.0123abcd.tmp", "link-to-b"]);
    const one = await collect(join(root, "a.dcm"));
    assert.deepEqual(one.files, ["a.dcm"]);
  } finally {
    removeDir(root);
  }
});

test("when a folder cannot be read then it is reported and the walk goes on", { skip: process.getuid?.() === 0 ? "root reads everything" : false }, async () => {
  const root = tempDir();
  try {
    mkdirSync(join(root, "locked"));
    writeFileSync(join(root, "locked/x.dcm"), "x");
    writeFileSync(join(root, "y.dcm"), "x");
    chmodSync(join(root, "locked"), 0);
    const r = await collect(root);
    assert.deepEqual(r.files, ["y.dcm"]);
    assert.deepEqual(r.errors, [{ relPath: "locked", code: "EACCES" }]);
  } finally {
    chmodSync(join(root, "locked"), 0o755);
    removeDir(root);
  }
});

test("when names are checked then only writeFileAtomic's temporary names are our own", () => {
  assert.equal(isOwnTempFile(".img.dcm.1234.00ff00ff.tmp"), true);
  assert.equal(isOwnTempFile("img.dcm.1234.00ff00ff.tmp"), false);
  assert.equal(isOwnTempFile(".notes.tmp"), false);
});
