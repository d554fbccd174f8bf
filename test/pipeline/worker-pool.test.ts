import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isDicomError } from "../../src/core/errors.js";
import { runBatch } from "../../src/pipeline/batch.js";
import { WorkerPool } from "../../src/pipeline/worker-pool.js";
import { listTree, makeTree, mixedTree, removeDir, SAMPLE, tempDir, TEST_PROCESSOR, treeHash } from "./helpers/tree.js";

test("when a worker crashes, runs out of memory or hangs then only that file is quarantined and the worker is replaced", async () => {
  const root = tempDir();
  try {
    const input = join(root, "in");
    makeTree(input, {
      "a.dcm": SAMPLE.ct, "b/CRASH.dcm": SAMPLE.ct, "c.dcm": SAMPLE.mr, "d/HANG.dcm": SAMPLE.ct,
      "e.dcm": SAMPLE.be, "f/OOM.dcm": SAMPLE.ct, "g.dcm": SAMPLE.ct, "h.dcm": SAMPLE.truncated,
    });
    const before = treeHash(input);
    const s = await runBatch({
      input, output: join(root, "out"), processorUrl: TEST_PROCESSOR, workers: 2, timeoutMs: 3000, workerMemoryMb: 48, progress: false, reportPaths: true,
    });
    assert.equal(treeHash(input), before);
    assert.deepEqual({ ok: s.ok, failed: s.failed, workers: s.workers }, { ok: 4, failed: 4, workers: 2 });
    assert.deepEqual(s.failuresByCode, { TIMEOUT: 1, TRUNCATED: 1, WORKER_CRASH: 2 });
    const q = readFileSync(join(root, "out/quarantine.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const byPath = Object.fromEntries(q.map((e) => [e.relPath, e]));
    assert.equal(byPath["b/CRASH.dcm"].reason, "worker crashed");
    assert.equal(byPath["f/OOM.dcm"].reason, "worker crashed (out of memory)");
    assert.equal(byPath["d/HANG.dcm"].code, "TIMEOUT");
    for (const rel of ["a.dcm", "c.dcm", "e.dcm", "g.dcm"]) assert.ok(existsSync(join(root, "out", rel)), rel);
  } finally {
    removeDir(root);
  }
});

test("when workers process a tree then the output is byte-identical to processing in this thread", async () => {
  const root = tempDir();
  try {
    const input = join(root, "in");
    mixedTree(input);
    const opts = { input, processorUrl: TEST_PROCESSOR, progress: false as const };
    await runBatch({ ...opts, output: join(root, "w0"), workers: 0 });
    await runBatch({ ...opts, output: join(root, "w2"), workers: 2 });
    const images = (dir: string) => listTree(dir).filter((f) => f.endsWith(".dcm"));
    assert.deepEqual(images(join(root, "w2")), images(join(root, "w0")));
    for (const f of images(join(root, "w0"))) assert.deepEqual(readFileSync(join(root, "w2", f)), readFileSync(join(root, "w0", f)), f);
  } finally {
    removeDir(root);
  }
});

test("when files queue in a worker (depth 2) and the running one crashes or hangs then only it fails and the next runs on the replacement", async () => {
  const root = tempDir();
  const pool = await WorkerPool.start({ size: 1, depth: 2, processorUrl: TEST_PROCESSOR.href, processorOptions: {}, timeoutMs: 3000 });
  try {
    const input = join(root, "in");
    makeTree(input, { "CRASH.dcm": SAMPLE.ct, "HANG.dcm": SAMPLE.ct, "a.dcm": SAMPLE.mr, "b.dcm": SAMPLE.be });
    const task = (relPath: string) => ({ absPath: join(input, relPath), relPath });
    assert.equal(pool.size, 2);
    const first = await Promise.all([pool.run(task("CRASH.dcm")), pool.run(task("a.dcm"))]);
    assert.deepEqual(first.map((r) => [r?.status, r?.outcome.code]), [["failed", "WORKER_CRASH"], ["ok", undefined]]);
    const second = await Promise.all([pool.run(task("HANG.dcm")), pool.run(task("b.dcm"))]);
    assert.deepEqual(second.map((r) => [r?.status, r?.outcome.code]), [["failed", "TIMEOUT"], ["ok", undefined]]);
  } finally {
    await pool.close();
    removeDir(root);
  }
});

test("when a worker is concurrent then the files it is sent run at once, and a crash or a hang fails only its own file", async () => {
  const root = tempDir();
  const pool = await WorkerPool.start({ size: 1, depth: 3, concurrent: true, processorUrl: TEST_PROCESSOR.href, processorOptions: {}, timeoutMs: 3000 });
  try {
    const input = join(root, "in");
    makeTree(input, { "a/DELAY.dcm": SAMPLE.ct, "b/DELAY.dcm": SAMPLE.mr, "c/DELAY.dcm": SAMPLE.be, "CRASH.dcm": SAMPLE.ct, "HANG.dcm": SAMPLE.ct, "d.dcm": SAMPLE.mr, "e.dcm": SAMPLE.ct });
    const task = (relPath: string) => ({ absPath: join(input, relPath), relPath });
    assert.equal(pool.size, 3);
    const t0 = Date.now();
    const delayed = await Promise.all(["a/DELAY.dcm", "b/DELAY.dcm", "c/DELAY.dcm"].map((f) => pool.run(task(f))));
    assert.deepEqual(delayed.map((r) => r?.status), ["ok", "ok", "ok"]);
    assert.ok(Date.now() - t0 < 1100, `three 400 ms files took ${Date.now() - t0} ms`);
    // The crash is not first in line: the files in flight rerun one at a time and only it fails.
    const crashed = await Promise.all([pool.run(task("d.dcm")), pool.run(task("CRASH.dcm")), pool.run(task("e.dcm"))]);
    assert.deepEqual(crashed.map((r) => [r?.status, r?.outcome.code]), [["ok", undefined], ["failed", "WORKER_CRASH"], ["ok", undefined]]);
    const hung = await Promise.all([pool.run(task("d.dcm")), pool.run(task("HANG.dcm"))]);
    assert.deepEqual(hung.map((r) => [r?.status, r?.outcome.code]), [["ok", undefined], ["failed", "TIMEOUT"]]);
  } finally {
    await pool.close();
    removeDir(root);
  }
});

test("when the files a concurrent worker runs reach its byte limit then the next waits for one to finish", async () => {
  const root = tempDir();
  // A limit of one byte: every file is over it, so they run one at a time.
  const pool = await WorkerPool.start({ size: 1, depth: 3, concurrent: true, concurrentBytes: 1, processorUrl: TEST_PROCESSOR.href, processorOptions: {}, timeoutMs: 10_000 });
  try {
    const input = join(root, "in");
    makeTree(input, { "a/DELAY.dcm": SAMPLE.ct, "b/DELAY.dcm": SAMPLE.mr, "c/DELAY.dcm": SAMPLE.be });
    const t0 = Date.now();
    const r = await Promise.all(["a/DELAY.dcm", "b/DELAY.dcm", "c/DELAY.dcm"].map((f) => pool.run({ absPath: join(input, f), relPath: f })));
    assert.deepEqual(r.map((x) => x?.status), ["ok", "ok", "ok"]);
    assert.ok(Date.now() - t0 >= 1150, `three 400 ms files one at a time took ${Date.now() - t0} ms`);
  } finally {
    await pool.close();
    removeDir(root);
  }
});

test("when the processor fails to initialize in a worker then the pool refuses to start with CONFIG", async () => {
  await assert.rejects(
    WorkerPool.start({ size: 2, processorUrl: TEST_PROCESSOR.href, processorOptions: { failInit: true }, timeoutMs: 30_000 }),
    (e) => isDicomError(e) && e.code === "CONFIG" && /init failed/.test(e.reason),
  );
  const root = tempDir();
  try {
    mkdirSync(join(root, "in"));
    await assert.rejects(
      runBatch({ input: join(root, "in"), output: join(root, "out"), processorUrl: new URL("./helpers/nope.ts", import.meta.url), workers: 2, progress: false }),
      (e) => isDicomError(e) && e.code === "CONFIG",
    );
  } finally {
    removeDir(root);
  }
});

test("when the signal aborts while a worker hangs then the batch returns at once, interrupted", async () => {
  const root = tempDir();
  try {
    const input = join(root, "in");
    makeTree(input, { "a/HANG.dcm": SAMPLE.ct, "b/HANG.dcm": SAMPLE.ct, "c.dcm": SAMPLE.ct });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 1500);
    const t0 = Date.now();
    const s = await runBatch({ input, output: join(root, "out"), processorUrl: TEST_PROCESSOR, workers: 2, timeoutMs: 60_000, progress: false, signal: ac.signal });
    assert.ok(Date.now() - t0 < 10_000);
    assert.equal(s.interrupted, true);
    assert.equal(s.files, 0);
    assert.equal(s.found, 3);
  } finally {
    removeDir(root);
  }
});
