import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDicomError } from "../../src/core/errors.js";
import { moveIntoPlace, writeFileAtomic, writeNewFile } from "../../src/io/atomic-write.js";

/** Runs `fn` in a fresh temp folder. */
function inTemp(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), "dicom-deid-atomic-"));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bytes = new Uint8Array([1, 2, 3, 4]);

test("when a staged file is moved into place then the target holds its bytes and the staged name is gone", () =>
  inTemp((dir) => {
    writeNewFile(join(dir, "0.part"), bytes);
    writeFileSync(join(dir, "out.dcm"), "older output");
    moveIntoPlace(join(dir, "0.part"), join(dir, "out.dcm"));
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, "out.dcm"))), bytes);
    assert.deepEqual(readdirSync(dir), ["out.dcm"]);
  }));

test("when the staging name exists already then writeNewFile refuses it with WRITE and keeps the file", () =>
  inTemp((dir) => {
    writeFileSync(join(dir, "0.part"), "someone else's");
    assert.throws(() => writeNewFile(join(dir, "0.part"), bytes), (e) => isDicomError(e) && e.code === "WRITE" && /EEXIST/.test(e.reason));
    assert.equal(readFileSync(join(dir, "0.part"), "utf8"), "someone else's");
  }));

test("when the target is an input, by path or by a hard link, then the move is refused and the staged file removed", () =>
  inTemp((dir) => {
    const input = join(dir, "in.dcm");
    writeFileSync(input, "the input");
    linkSync(input, join(dir, "link.dcm"));
    for (const target of [input, join(dir, "link.dcm")]) {
      writeNewFile(join(dir, "s.part"), bytes);
      assert.throws(() => moveIntoPlace(join(dir, "s.part"), target, { protect: [input] }), (e) => isDicomError(e) && e.code === "WRITE");
      assert.ok(!existsSync(join(dir, "s.part")));
    }
    assert.equal(readFileSync(input, "utf8"), "the input");
  }));

test("when the target folder is missing then the move fails with WRITE and its errno, and the staged file is removed", () =>
  inTemp((dir) => {
    writeNewFile(join(dir, "s.part"), bytes);
    assert.throws(() => moveIntoPlace(join(dir, "s.part"), join(dir, "no", "out.dcm")), (e) => isDicomError(e) && e.reason === "cannot write output (ENOENT)");
    assert.deepEqual(readdirSync(dir), []);
  }));

test("when writeFileAtomic writes into a new folder then the file appears whole and no temporary file stays", () =>
  inTemp((dir) => {
    writeFileAtomic(join(dir, "a", "b.dcm"), bytes, { durable: true });
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, "a", "b.dcm"))), bytes);
    assert.deepEqual(readdirSync(join(dir, "a")), ["b.dcm"]);
  }));
