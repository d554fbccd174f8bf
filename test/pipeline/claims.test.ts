import { test } from "node:test";
import assert from "node:assert/strict";
import { OutputClaims } from "../../src/pipeline/claims.js";
import { pathId } from "../../src/pipeline/paths.js";

/** Claims `wanted` for each input in order, applying moves; returns input -> output. */
function place(inputs: string[], wanted: (rel: string) => string): Map<string, string> {
  const claims = new OutputClaims();
  claims.reserve("summary.json");
  const where = new Map<string, string>();
  const byId = new Map(inputs.map((r) => [pathId(r), r]));
  for (const rel of inputs) {
    const plan = claims.plan(pathId(rel), wanted(rel));
    if (plan.displaced) where.set(byId.get(plan.displaced.owner)!, plan.displaced.to);
    claims.commit(pathId(rel), plan);
    where.set(rel, plan.path);
  }
  return where;
}

test("when outputs collide then the result is the same in any finishing order", () => {
  const inputs = ["a.dcm", "b.dcm", "c.dcm", "d.dcm"];
  const one = place(inputs, () => "s/img.dcm");
  const two = place([...inputs].reverse(), () => "s/img.dcm");
  const three = place(["c.dcm", "a.dcm", "d.dcm", "b.dcm"], () => "s/img.dcm");
  assert.deepEqual([...one].sort(), [...two].sort());
  assert.deepEqual([...one].sort(), [...three].sort());
  assert.equal(new Set(one.values()).size, 4);
  assert.equal([...one.values()].filter((p) => p === "s/img.dcm").length, 1);
});

test("when names differ only in case or hit a report name then they collide", () => {
  const where = place(["A.dcm", "a.dcm", "r/summary.json"], (r) => (r.startsWith("r/") ? "summary.json" : r));
  assert.notEqual(where.get("A.dcm")!.toLowerCase(), where.get("a.dcm")!.toLowerCase());
  assert.match(where.get("r/summary.json")!, /^summary-[0-9a-f]{8}\.json$/);
});

test("when the same input claims its path again then it keeps it", () => {
  const claims = new OutputClaims();
  claims.set(pathId("x.dcm"), "x.dcm");
  assert.deepEqual(claims.plan(pathId("x.dcm"), "x.dcm"), { path: "x.dcm", renamed: false });
});
