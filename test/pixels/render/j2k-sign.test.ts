import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readDicom } from "../../../src/io/read/read-file.js";
import { openPixels, readFrame } from "../../../src/pixels/image.js";
import { renderFrame } from "../../../src/pixels/render/index.js";
import { asSigned, j2kSignedDespiteHeader } from "../../../src/pixels/render/j2k-sign.js";
import { SHARED_DATA } from "../../helpers/hex.js";

test("when unsigned samples are viewed as signed then values above half the range wrap negative", () => {
  assert.deepEqual(Array.from(asSigned(Uint16Array.from([0, 1, 32767, 32768, 65535]), 16)), [0, 1, 32767, -32768, -1]);
  assert.deepEqual(Array.from(asSigned(Uint16Array.from([2047, 2048, 4095]), 12)), [2047, -2048, -1]);
});

test("when a JPEG 2000 stream is signed but Pixel Representation says unsigned then the rendering reads it signed (needs ../shared/data)", async (t) => {
  if (!SHARED_DATA) return t.skip("../shared/data is absent");
  const file = readDicom(new Uint8Array(readFileSync(`${SHARED_DATA}/dicom/codecs/pylibjpeg__TOSHIBA_J2K_SIZ1_PixRep0.dcm`)));
  assert.equal(j2kSignedDespiteHeader(file, 0), true);
  const r = renderFrame(file, await readFrame(openPixels(file), 0));
  // Read unsigned, the negative air values wrap to the top and most of the image saturates.
  const white = r.data.filter((v) => v === 255).length / r.data.length;
  assert.ok(white < 0.05, `share of white pixels ${white}`);
});
