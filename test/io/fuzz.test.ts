import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { fuzz } from "../../scripts/fuzz-lib.js";
import { listFiles } from "../helpers/corpus.js";

test("when 1,500 mutated fixtures are read and written then each ends in a value or a DicomError, fast", () => {
  const files = listFiles(fileURLToPath(new URL("../fixtures/dicom", import.meta.url)));
  const rep = fuzz(files, 1500, 12345, 1000);
  assert.deepEqual(rep.crashes, []);
  assert.equal(rep.cases, 1500);
  assert.ok(rep.rejected > 0 && rep.read > 0);
});
