// fillFor and darkestPaletteIndex: the darkest value of each kind of image, table-driven.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Dataset } from "../../src/core/dataset.js";
import { tag } from "../../src/core/tag.js";
import { encodeValues } from "../../src/dataset/values.js";
import { readDicom } from "../../src/io/read/read-file.js";
import type { PixelFormat } from "../../src/pixels/format.js";
import { fillFor, rgbToYcbcr } from "../../src/redact/fill.js";
import { darkestPaletteIndex } from "../../src/redact/palette.js";
import { SHARED_DATA } from "../helpers/hex.js";

const base: PixelFormat = {
  rows: 1, columns: 1, samplesPerPixel: 1, bitsAllocated: 16, bitsStored: 12, highBit: 11,
  pixelRepresentation: 0, photometric: "MONOCHROME2", planarConfiguration: 0, numberOfFrames: 1,
};

describe("fillFor", () => {
  const cases: [string, Partial<PixelFormat>, number | "auto", number[]][] = [
    ["MONOCHROME2 unsigned", {}, "auto", [0]],
    ["MONOCHROME2 signed 12-bit", { pixelRepresentation: 1 }, "auto", [-2048]],
    ["MONOCHROME1 unsigned 12-bit", { photometric: "MONOCHROME1" }, "auto", [4095]],
    ["MONOCHROME1 signed 16-bit", { photometric: "MONOCHROME1", bitsStored: 16, highBit: 15, pixelRepresentation: 1 }, "auto", [32767]],
    ["1-bit", { bitsAllocated: 1, bitsStored: 1, highBit: 0 }, "auto", [0]],
    ["RGB", { samplesPerPixel: 3, photometric: "RGB", bitsAllocated: 8, bitsStored: 8, highBit: 7 }, "auto", [0, 0, 0]],
    ["RGB with a level", { samplesPerPixel: 3, photometric: "RGB", bitsAllocated: 8, bitsStored: 8, highBit: 7 }, 40, [40, 40, 40]],
    ["YBR_FULL", { samplesPerPixel: 3, photometric: "YBR_FULL", bitsAllocated: 8, bitsStored: 8, highBit: 7 }, "auto", [0, 128, 128]],
    ["YBR_FULL_422 with a level", { samplesPerPixel: 3, photometric: "YBR_FULL_422", bitsAllocated: 8, bitsStored: 8, highBit: 7 }, 20, [20, 128, 128]],
    ["YBR_PARTIAL_422", { samplesPerPixel: 3, photometric: "YBR_PARTIAL_422", bitsAllocated: 8, bitsStored: 8, highBit: 7 }, "auto", [16, 128, 128]],
    ["float", { floatingPoint: true, bitsAllocated: 32 }, "auto", [0]],
    ["PALETTE COLOR without tables", { photometric: "PALETTE COLOR" }, "auto", [0]],
  ];
  for (const [name, change, fill, want] of cases) {
    it(`when the image is ${name} and the fill is ${fill} then the fill is ${want.join(",")}`, () => {
      assert.deepEqual(fillFor({ ...base, ...change }, fill).values, want);
    });
  }

  it("when a level does not fit Bits Stored then fillFor fails with BAD_VALUE", () => {
    assert.throws(() => fillFor(base, 4096), /must be an integer from 0 to 4095/);
    assert.throws(() => fillFor({ ...base, pixelRepresentation: 1 }, -2049), /BAD_VALUE/);
  });

  it("when black is converted to YCbCr then Y is 0 and chroma neutral at both precisions", () => {
    assert.deepEqual(rgbToYcbcr([0, 0, 0], 8), [0, 128, 128]);
    assert.deepEqual(rgbToYcbcr([0, 0, 0], 12), [0, 2048, 2048]);
    assert.deepEqual(rgbToYcbcr([255, 255, 255], 8), [255, 128, 128]);
  });
});

/** A dataset with palette descriptors [entries, first, 16] and the given table data or segmented data per channel. */
function paletteDataset(entries: number, first: number, channels: number[][], segmented = false): Dataset {
  const ds = new Dataset({ explicitVR: true, littleEndian: true });
  channels.forEach((values, c) => {
    const d = encodeValues(ds, tag(0x0028, 0x1101 + c), "US", [entries, first, 16]);
    ds.put({ tag: tag(0x0028, 0x1101 + c), vr: "US", length: d.length, offset: -1, value: d });
    const t = tag(0x0028, (segmented ? 0x1221 : 0x1201) + c);
    const v = encodeValues(ds, t, "OW", values);
    ds.put({ tag: t, vr: "OW", length: v.length, offset: -1, value: v });
  });
  return ds;
}

describe("darkestPaletteIndex", () => {
  it("when entry 1 is the darkest by luma then the index is first mapped value + 1", () => {
    const ds = paletteDataset(4, 10, [[65535, 0, 30000, 0], [65535, 100, 30000, 65535], [65535, 0, 30000, 0]]);
    assert.equal(darkestPaletteIndex(ds, 8), 11);
  });

  it("when the tables are segmented (discrete, linear, indirect) then they are expanded before searching", () => {
    // Discrete [60000, 50000], linear to 40000 over 3 entries, then the first 1 segment again (indirect).
    const seg = [0, 2, 60000, 50000, 1, 3, 40000, 2, 1, 0, 0];
    const dark = [0, 2, 60000, 50000, 1, 3, 10000, 2, 1, 0, 0];
    assert.equal(darkestPaletteIndex(paletteDataset(7, 0, [seg, dark, seg], true), 8), 4);
  });

  const dicom = SHARED_DATA && join(SHARED_DATA, "dicom", "pixel_phi");
  it("when real palette files are read then a darkest index is found, the same for both byte orders", { skip: !dicom || !existsSync(dicom) }, () => {
    const index = (n: string) => darkestPaletteIndex(readDicom(new Uint8Array(readFileSync(join(dicom!, n)))).dataset, 16);
    assert.equal(index("pydicom-data__gdcm-US-ALOKA-16_bigendian.dcm"), index("pydicom-data__gdcm-US-ALOKA-16_implicit.dcm"));
    for (const n of ["pydicom-data__OBXXXX1A_palette_US.dcm", "pydicom-data__OT-PAL-8-face.dcm", "pydicom-data__gdcm-US-ALOKA-16_implicit.dcm"]) {
      assert.notEqual(index(n), undefined, n);
    }
  });
});
