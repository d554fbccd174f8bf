import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runBatch } from "../../src/pipeline/batch.js";
import { BatchRunners, planRunners } from "../../src/pipeline/runners.js";
import { listTree, makeTree, mixedTree, removeDir, SAMPLE, tempDir, TEST_PROCESSOR } from "./helpers/tree.js";

const plans: [string, Parameters<typeof planRunners>[0], number, ReturnType<typeof planRunners>][] = [
  ["workers 0", { workers: 0 }, 4, { inThread: true, workers: 0 }],
  ["workers 1", { workers: 1 }, 4, { inThread: true, workers: 0 }],
  ["workers 3, quick files", { workers: 3, quickFiles: true }, 2, { inThread: false, workers: 3 }],
  ["default, 4 cores", {}, 4, { inThread: false, workers: 4 }],
  ["default, 1 core", {}, 1, { inThread: true, workers: 0 }],
  ["default, quick files, 4 cores", { quickFiles: true }, 4, { inThread: true, workers: 3 }],
  ["default, quick files, 1 core", { quickFiles: true }, 1, { inThread: true, workers: 0 }],
];
for (const [name, options, cores, expected] of plans) {
  test(`when the batch asks for ${name} on ${cores} core(s) then it runs ${expected.inThread ? "in this thread" : "in workers only"} with up to ${expected.workers} workers`, () => {
    assert.deepEqual(planRunners(options, cores), expected);
  });
}

test("when a batch of quick files is small then this thread does it all, with the same output as workers", async () => {
  const root = tempDir();
  try {
    const input = join(root, "in");
    mixedTree(input);
    const opts = { input, processorUrl: TEST_PROCESSOR, progress: false as const };
    const quick = await runBatch({ ...opts, output: join(root, "quick"), quickFiles: true });
    const pooled = await runBatch({ ...opts, output: join(root, "w2"), workers: 2 });
    assert.equal(quick.workers, 0);
    assert.equal(pooled.workers, 2);
    assert.deepEqual({ ok: quick.ok, notDicom: quick.notDicom }, { ok: 3, notDicom: 1 });
    const images = (dir: string) => listTree(dir).filter((f) => f.endsWith(".dcm"));
    assert.deepEqual(images(join(root, "quick")), images(join(root, "w2")));
    for (const f of images(join(root, "w2"))) assert.deepEqual(readFileSync(join(root, "quick", f)), readFileSync(join(root, "w2", f)), f);
  } finally {
    removeDir(root);
  }
});

test("when the files waiting pay for workers then workers start and join this thread", { timeout: 60_000 }, async () => {
  const root = tempDir();
  const runners = await BatchRunners.start(
    { input: root, output: root, processorUrl: TEST_PROCESSOR, quickFiles: true }, { inThread: true, workers: 1 }, { payOffMs: 0, warmFiles: 1, minWaiting: 1 },
  );
  try {
    makeTree(root, { "a.dcm": SAMPLE.ct, "b.dcm": SAMPLE.mr, "c.dcm": SAMPLE.be, "d.dcm": SAMPLE.ct });
    const files = ["a.dcm", "b.dcm", "c.dcm", "d.dcm"].map((relPath) => ({ absPath: join(root, relPath), relPath }));
    const done = { here: 0, workers: 0 };
    let workerDid!: () => void;
    const workerDone = new Promise<void>((r) => (workerDid = r));
    await runners.run(async (runner, inThread) => {
      for (let task = files.shift(); task; task = files.shift()) {
        assert.equal((await runner.run(task))?.status, "ok");
        if (inThread) {
          done.here++;
          await workerDone; // this thread waits until a worker has done a file
        } else {
          done.workers++;
          workerDid();
        }
      }
    }, () => files.length);
    assert.equal(done.here + done.workers, 4);
    assert.ok(done.here >= 1 && done.workers >= 1, JSON.stringify(done));
    assert.equal(runners.workers, 1);
  } finally {
    await runners.close();
    removeDir(root);
  }
});

test("when a worker lane fails while this thread's lane still runs then run() rejects with it, not the process", { timeout: 60_000 }, async () => {
  const r = await BatchRunners.start({ input: "/nonexistent", output: "/tmp/x", processorUrl: TEST_PROCESSOR, quickFiles: true } as unknown as Parameters<typeof BatchRunners.start>[0],
    { inThread: true, workers: 1 }, { payOffMs: 0, warmFiles: 0, minWaiting: 0 });
  try {
    await assert.rejects(r.run(async (runner, inThread) => {
      if (!inThread) throw new Error("report write failed in a worker lane");
      for (let i = 0; i < 30; i++) {
        await runner.run({ absPath: "/nonexistent/a.dcm", relPath: "a.dcm" });
        await new Promise((res) => setTimeout(res, 50));
      }
    }, () => 100), /worker lane/);
  } finally {
    await r.close();
  }
});
