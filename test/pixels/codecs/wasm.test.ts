import assert from "node:assert/strict";
import { test } from "node:test";
import { wasmModule } from "../../../src/pixels/codecs/wasm.js";

test("when a codec module is requested twice then it is instantiated once", async () => {
  const a = wasmModule("charls");
  const b = wasmModule("charls");
  assert.equal(a, b);
  const mod = (await a) as Record<string, unknown>;
  assert.equal(typeof mod.JpegLSDecoder, "function");
});

test("when the modules load then no network request is made", async () => {
  const original = globalThis.fetch;
  let fetched = 0;
  globalThis.fetch = (() => {
    fetched++;
    return Promise.reject(new Error("network is not allowed"));
  }) as typeof fetch;
  try {
    for (const name of ["libjpeg-turbo", "openjpeg", "openjph"] as const) await wasmModule(name);
  } finally {
    globalThis.fetch = original;
  }
  assert.equal(fetched, 0);
});
