import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JsonLinesFile } from "../../src/pipeline/jsonl.js";
import { removeDir, tempDir } from "./helpers/tree.js";

test("when lines are written one at a time then each is in the file at once", () => {
  const dir = tempDir();
  try {
    const f = new JsonLinesFile(join(dir, "a.jsonl"));
    f.write({ a: 1 });
    assert.equal(readFileSync(join(dir, "a.jsonl"), "utf8"), '{"a":1}\n');
    f.close();
    f.close();
  } finally {
    removeDir(dir);
  }
});

test("when lines are gathered (flushMs) then they reach the file on flush or close, whole and in order", () => {
  const dir = tempDir();
  try {
    const path = join(dir, "b.jsonl");
    const f = new JsonLinesFile(path, { flushMs: 60_000 });
    f.write({ n: 1 });
    f.write({ n: 2 });
    assert.equal(readFileSync(path, "utf8"), "");
    f.flush();
    assert.equal(readFileSync(path, "utf8"), '{"n":1}\n{"n":2}\n');
    f.write({ n: 3 });
    f.close();
    assert.equal(readFileSync(path, "utf8"), '{"n":1}\n{"n":2}\n{"n":3}\n');
    assert.throws(() => f.write({ n: 4 }), /closed/);
  } finally {
    removeDir(dir);
  }
});
