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

test("when items wait then length counts them until they are taken", async () => {
  const q = new AsyncQueue<string>();
  assert.equal(q.length, 0);
  q.push("a");
  q.push("b");
  assert.equal(q.length, 2);
  await q.next();
  assert.equal(q.length, 1);
});
