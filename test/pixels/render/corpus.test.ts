// Renders every file of the shared test data's codecs/ and pixel_phi/ (skipped when absent).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { readDicom } from "../../../src/io/read/read-file.js";
import { openPixels, readFrame } from "../../../src/pixels/image.js";
import { renderFrame } from "../../../src/pixels/render/render-frame.js";
import { toPixelBox } from "../../../src/pixels/render/rendered.js";
import { extremes, upscale } from "../../../src/pixels/render/variants.js";
import { listFiles } from "../../helpers/corpus.js";
import { SHARED_DATA } from "../../helpers/hex.js";

const DIR = SHARED_DATA && join(SHARED_DATA, "dicom");
const skip = DIR ? false : "shared test data absent";

function distinct(data: Uint8Array): number {
  const seen = new Set<number>();
  for (let i = 0; i < data.length && seen.size < 3; i += 7) seen.add(data[i]);
  return seen.size;
}

for (const folder of ["codecs", "pixel_phi"]) {
  test(`when every ${folder} file is rendered (first and last frame) then each gives an 8-bit image of the frame's size`, { skip }, async () => {
    const files = listFiles(join(DIR!, folder));
    assert.ok(files.length > 0);
    for (const path of files) {
      const name = path.slice(DIR!.length + 1);
      const file = readDicom(new Uint8Array(readFileSync(path)), { lenient: true });
      const src = openPixels(file);
      const n = src.format.numberOfFrames;
      for (const index of n > 1 ? [0, n - 1] : [0]) {
        const frame = await readFrame(src, index);
        const r = renderFrame(file, frame, { frameIndex: index });
        assert.equal(r.width, src.format.columns, name);
        assert.equal(r.height, src.format.rows, name);
        assert.equal(r.data.length, r.width * r.height * r.channels, name);
        const g = renderFrame(file, frame, { frameIndex: index, grayscale: true, voi: "minmax" });
        assert.equal(g.channels, 1, name);
        assert.equal(extremes(file, frame, { frameIndex: index }).data.length, r.width * r.height, name);
        // Every image with burned-in text (pixel_phi) must show more than one level.
        if (folder === "pixel_phi") assert.ok(distinct(r.data) > 1, `${name} renders flat`);
      }
    }
  });
}

test("when the presidio CT localizer is rendered as extremes then every ground-truth PHI box holds text pixels", { skip }, async () => {
  const truth = join(DIR!, "ground_truth", "presidio__2_ORIGINAL_CT_localizer.pixel_phi_boxes.json");
  const path = join(DIR!, "pixel_phi", "presidio__2_ORIGINAL_CT_localizer.dcm");
  if (!existsSync(truth) || !existsSync(path)) return;
  const boxes = (JSON.parse(readFileSync(truth, "utf8")) as { boxes_in_image_pixels: { left: number; top: number; width: number; height: number }[] }).boxes_in_image_pixels;
  const file = readDicom(new Uint8Array(readFileSync(path)));
  const frame = await readFrame(openPixels(file), 0);
  // Enlarged 3x as OCR would see it; boxes found there map back through toPixelBox.
  const big = upscale(extremes(file, frame), 3, { method: "nearest" });
  for (const b of boxes) {
    const back = toPixelBox({ x: b.left * 3, y: b.top * 3, w: b.width * 3, h: b.height * 3 }, big);
    assert.deepEqual(back, { x: b.left, y: b.top, w: b.width, h: b.height });
    let white = 0;
    for (let y = b.top * 3; y < (b.top + b.height) * 3; y++) for (let x = b.left * 3; x < (b.left + b.width) * 3; x++) if (big.data[y * big.width + x]) white++;
    const share = white / (b.width * b.height * 9);
    assert.ok(share > 0.05 && share < 0.8, `box share of text pixels ${share.toFixed(2)}`);
  }
});
