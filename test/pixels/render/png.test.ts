import assert from "node:assert/strict";
import { test } from "node:test";
import sharp from "sharp";
import { encodePng } from "../../../src/pixels/render/png.js";
import { rendered } from "../../../src/pixels/render/rendered.js";

async function decode(png: Uint8Array): Promise<{ channels: number; data: number[]; width: number }> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { channels: info.channels, data: [...data], width: info.width };
}

for (const encoder of ["sharp", "pngjs"] as const) {
  test(`when a grey rendering is encoded with ${encoder} then the PNG decodes to the same pixels`, async () => {
    const png = await encodePng(rendered(3, 2, 1, Uint8Array.from([0, 50, 100, 150, 200, 255])), { encoder });
    assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(""), "PNG");
    const d = await decode(png);
    assert.equal(d.width, 3);
    assert.deepEqual(d.data.filter((_, i) => i % d.channels === 0), [0, 50, 100, 150, 200, 255]);
  });

  test(`when an RGB rendering is encoded with ${encoder} then the PNG decodes to the same pixels`, async () => {
    const px = [255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3];
    const d = await decode(await encodePng(rendered(2, 2, 3, Uint8Array.from(px)), { encoder }));
    assert.equal(d.channels, 3);
    assert.deepEqual(d.data, px);
  });
}

test("when the data does not match the size then ENCODE is thrown", async () => {
  await assert.rejects(encodePng(rendered(2, 2, 1, new Uint8Array(3))), { code: "ENCODE" });
});

test("when a grey rendering is encoded then the PNG is greyscale (colour type 0), not RGB", async () => {
  for (const encoder of ["sharp", "pngjs"] as const) {
    const png = await encodePng(rendered(2, 2, 1, Uint8Array.from([0, 255, 0, 255])), { encoder });
    assert.equal(png[25], 0, `${encoder}: IHDR colour type`);
  }
});
