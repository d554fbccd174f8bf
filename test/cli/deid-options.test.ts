import { test } from "node:test";
import assert from "node:assert/strict";
import { processorOptionsFrom } from "../../src/cli/deid-options.js";

const quiet = (): void => {};

test("when no burned-in text flag is given then the fail-safe and hidden rows are on", async () => {
  const o = await processorOptionsFrom({ secret: "abcdefgh12" }, quiet);
  assert.equal(o.failSafe, true);
  assert.equal(o.hiddenRows, true);
  assert.equal(o.pixels, "phi");
});

test("when --no-hidden-rows and --no-fail-safe are given then both are off", async () => {
  const o = await processorOptionsFrom({ secret: "abcdefgh12", hiddenRows: false, failSafe: false }, quiet);
  assert.equal(o.hiddenRows, false);
  assert.equal(o.failSafe, false);
});
