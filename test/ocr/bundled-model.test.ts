import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { nativeTessdataDir, tesseractJsLangPath } from "../../src/ocr/bundled-model.js";

test("when the native engine needs the bundled model then it is unzipped once into a folder named by its digest", () => {
  const root = mkdtempSync(join(tmpdir(), "dicom-deid-model-"));
  try {
    const dir = nativeTessdataDir("eng", "best_int", root);
    const expected = gunzipSync(readFileSync(join(tesseractJsLangPath("eng"), "eng.traineddata.gz")));
    assert.match(dir, /dicom-deid-tessdata-[0-9a-f]{16}$/);
    assert.ok(readFileSync(join(dir, "eng.traineddata")).equals(expected));
    assert.deepEqual(readdirSync(dir), ["eng.traineddata"]); // no partial file left
    const t = statSync(join(dir, "eng.traineddata")).mtimeMs;
    assert.equal(nativeTessdataDir("eng", "best_int", root), dir);
    assert.equal(statSync(join(dir, "eng.traineddata")).mtimeMs, t, "reused, not written again");
    // A cut copy (another process died writing it the old way, or a full disk) is written again.
    writeFileSync(join(dir, "eng.traineddata"), "cut");
    nativeTessdataDir("eng", "best_int", root);
    assert.equal(statSync(join(dir, "eng.traineddata")).size, expected.length);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("when the language has no data package then OCR_ENGINE_UNAVAILABLE names it", () => {
  assert.throws(() => nativeTessdataDir("xx-none"), /@tesseract\.js-data\/xx-none/);
});
