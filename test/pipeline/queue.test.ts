import { test } from "node:test";
import assert from "node:assert/strict";
import { AsyncQueue } from "../../src/pipeline/queue.js";

test("when consumers wait on the queue then items arrive in order and close ends them", async () => {
  const q = new AsyncQueue<number>();
  const a = q.next();
  const b = q.next();
  q.push(1);
  q.push(2);
  q.push(3);
  assert.deepEqual(await Promise.all([a, b]), [1, 2]);
  q.close();
  assert.equal(await q.next(), 3);
  assert.equal(await q.next(), undefined);
  const d = new AsyncQueue<number>();
  d.push(1);
  d.close(true);
  assert.equal(await d.next(), undefined);
});
