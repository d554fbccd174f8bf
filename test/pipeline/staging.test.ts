import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDicomError } from "../../src/core/errors.js";
import { STAGING_DIR, Staging } from "../../src/pipeline/staging.js";
import { removeDir, tempDir } from "./helpers/tree.js";

test("when the staging folder opens then an earlier run's leftovers are cleared, names are fresh, and close removes it", () => {
  const root = tempDir();
  try {
    mkdirSync(join(root, STAGING_DIR));
    writeFileSync(join(root, STAGING_DIR, "0.part"), "left by a crash");
    const s = Staging.open(root);
    assert.deepEqual(readdirSync(s.dir), []);
    const a = s.take();
    const b = s.take();
    assert.notEqual(a, b);
    writeFileSync(a, "x");
    s.discard(a);
    s.discard(a); // twice is harmless
    writeFileSync(b, "y");
    s.close();
    assert.ok(!existsSync(join(root, STAGING_DIR)));
  } finally {
    removeDir(root);
  }
});

test("when the output holds a file by the staging folder's name then opening fails with CONFIG and the file stays", () => {
  const root = tempDir();
  try {
    writeFileSync(join(root, STAGING_DIR), "a user's file");
    assert.throws(() => Staging.open(root), (e) => isDicomError(e) && e.code === "CONFIG");
    assert.ok(existsSync(join(root, STAGING_DIR)));
  } finally {
    removeDir(root);
  }
});
