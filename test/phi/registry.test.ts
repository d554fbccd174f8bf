import { test } from "node:test";
import assert from "node:assert/strict";
import { RecognizerRegistry, createDefaultRegistry, BUILT_IN_RECOGNIZERS, type Recognizer } from "../../src/phi/index.js";
import { DicomError } from "../../src/core/errors.js";

const dummy: Recognizer = { name: "dummy", entities: ["OTHER"], analyze: () => [] };

test("when the default registry is built then every built-in is registered by name, in order", () => {
  assert.deepEqual(createDefaultRegistry().names(), BUILT_IN_RECOGNIZERS.map((r) => r.name));
});

test("when a recognizer is registered then it can be fetched by name", () => {
  const r = new RecognizerRegistry().register(dummy);
  assert.equal(r.get("dummy"), dummy);
  assert.equal(r.has("dummy"), true);
});

test("when a name is registered twice then registration throws", () => {
  assert.throws(() => new RecognizerRegistry().register(dummy).register(dummy), DicomError);
});

test("when an unknown name is fetched then the error lists the known names", () => {
  const r = new RecognizerRegistry().register(dummy);
  assert.throws(() => r.get("missing"), /unknown recognizer "missing"; known: dummy/);
});

test("when built-in recognizers are listed then names are unique and each declares its entities", () => {
  const names = BUILT_IN_RECOGNIZERS.map((r) => r.name);
  assert.equal(new Set(names).size, names.length);
  for (const r of BUILT_IN_RECOGNIZERS) assert.ok(r.entities.length > 0, r.name);
});
