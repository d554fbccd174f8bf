import assert from "node:assert/strict";
import { test } from "node:test";
import { createOcrEngine, listOcrEngines, OcrEngineError, registerOcrEngine, type OcrEngine } from "../../src/ocr/engine.js";

const fake: OcrEngine = {
  name: "fake",
  concurrency: 1,
  recognize: async () => [{ text: "x", confidence: 90, box: { x: 0, y: 0, w: 1, h: 1 } }],
  close: async () => {},
};

test("when an engine is registered then createOcrEngine returns it", async () => {
  registerOcrEngine("fake-for-test", async () => fake);
  const engine = await createOcrEngine("fake-for-test");
  assert.equal(engine.name, "fake");
  assert.ok(listOcrEngines().includes("fake-for-test"));
});

test("when the engine name is unknown then the error lists the known engines", async () => {
  registerOcrEngine("fake-for-test", async () => fake);
  await assert.rejects(createOcrEngine("no-such-engine"), (error: unknown) => {
    assert.ok(error instanceof OcrEngineError);
    assert.equal(error.code, "OCR_UNKNOWN_ENGINE");
    assert.match(error.message, /"no-such-engine".*fake-for-test/);
    return true;
  });
});

test("when the name is empty then registration throws", () => {
  assert.throws(() => registerOcrEngine(" ", async () => fake), /"name"/);
});
