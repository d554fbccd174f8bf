// cleanOverlays: Overlay Data (60xx,3000) bits inside rectangles are cleared, others kept.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Dataset } from "../../src/core/dataset.js";
import { tag } from "../../src/core/tag.js";
import { encodeValues } from "../../src/dataset/values.js";
import { readDicom, type DicomFile } from "../../src/io/read/read-file.js";
import { EXPLICIT_BIG, EXPLICIT_LITTLE } from "../../src/io/transfer-syntax.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import { cleanOverlays } from "../../src/redact/overlays.js";
import { redactFile } from "../../src/redact/redact-file.js";
import { SHARED_DATA } from "../helpers/hex.js";

/** A dataset-only file with an 8x8 image size and one overlay group 6000 of all-ones bits. */
function overlayFile(options: { big?: boolean; rows: number; columns: number; origin: [number, number]; frames?: number; imageFrames?: number }): DicomFile {
  const ts = options.big ? EXPLICIT_BIG : EXPLICIT_LITTLE;
  const ds = new Dataset({ explicitVR: true, littleEndian: !options.big });
  const put = (t: number, vr: string, values: (string | number)[]): void => {
    const value = encodeValues(ds, t, vr, values);
    ds.put({ tag: t, vr, length: value.length, offset: -1, value });
  };
  put(tag(0x0028, 0x0010), "US", [8]);
  put(tag(0x0028, 0x0011), "US", [8]);
  if (options.imageFrames) put(tag(0x0028, 0x0008), "IS", [options.imageFrames]);
  put(tag(0x6000, 0x0010), "US", [options.rows]);
  put(tag(0x6000, 0x0011), "US", [options.columns]);
  if (options.frames) put(tag(0x6000, 0x0015), "IS", [options.frames]);
  put(tag(0x6000, 0x0050), "SS", options.origin);
  put(tag(0x6000, 0x0100), "US", [1]);
  put(tag(0x6000, 0x0102), "US", [0]);
  const bits = options.rows * options.columns * (options.frames ?? 1);
  const bytes = Math.ceil(bits / 16) * 2;
  ds.put({ tag: tag(0x6000, 0x3000), vr: "OW", length: bytes, offset: -1, value: new Uint8Array(bytes).fill(0xff) });
  return {
    source: new Uint8Array(0), hasPrefix: false, meta: new Dataset({ explicitVR: true, littleEndian: true }), hasMeta: false,
    transferSyntax: ts, dataset: ds, datasetBytes: new Uint8Array(0), datasetOffset: 0, warnings: [], partial: false,
  };
}

/** Overlay bit (frame k, row r, column c) of group 6000: bit b is bit b % 16 of OW word b / 16 (PS3.5 8.1.2). */
function bit(file: DicomFile, k: number, r: number, c: number, rows: number, columns: number): number {
  const v = file.dataset.get(tag(0x6000, 0x3000))!.value!;
  const b = (k * rows + r) * columns + c;
  const word = new DataView(v.buffer, v.byteOffset).getUint16((b >> 4) * 2, file.dataset.encoding.littleEndian);
  return (word >> (b & 15)) & 1;
}

describe("cleanOverlays", () => {
  for (const big of [false, true]) {
    it(`when an overlay with origin (3,3) meets a rectangle (${big ? "big" : "little"} endian) then only its bits under the rectangle are cleared`, () => {
      const file = overlayFile({ big, rows: 4, columns: 4, origin: [3, 3] });
      const r = cleanOverlays(file, [{ x: 0, y: 0, w: 4, h: 4 }]);
      assert.deepEqual(r, { overlays: 1, changed: 1, bitsCleared: 4 });
      for (let row = 0; row < 4; row++) {
        for (let col = 0; col < 4; col++) assert.equal(bit(file, 0, row, col, 4, 4), row < 2 && col < 2 ? 0 : 1, `bit ${row},${col}`);
      }
    });
  }

  it("when a multi-frame overlay and per-frame rectangles are given then only the matching overlay frame is cleaned", () => {
    const file = overlayFile({ rows: 8, columns: 8, origin: [1, 1], frames: 2, imageFrames: 2 });
    const r = cleanOverlays(file, new Map([[1, [{ x: 0, y: 0, w: 8, h: 1 }]]]));
    assert.equal(r.bitsCleared, 8);
    for (let c = 0; c < 8; c++) {
      assert.equal(bit(file, 0, 0, c, 8, 8), 1);
      assert.equal(bit(file, 1, 0, c, 8, 8), 0);
    }
  });

  it("when a single-frame overlay sits on a multi-frame image then every frame's rectangles clean it", () => {
    const file = overlayFile({ rows: 8, columns: 8, origin: [1, 1], imageFrames: 3 });
    const r = cleanOverlays(file, new Map([[2, [{ x: 0, y: 7, w: 2, h: 1 }]]]));
    assert.equal(r.bitsCleared, 2);
  });

  it("when no set bit lies under the rectangles then the overlay element is left untouched", () => {
    const file = overlayFile({ rows: 2, columns: 2, origin: [1, 1] });
    const before = file.dataset.get(tag(0x6000, 0x3000));
    assert.deepEqual(cleanOverlays(file, [{ x: 4, y: 4, w: 2, h: 2 }]), { overlays: 1, changed: 0, bitsCleared: 0 });
    assert.equal(file.dataset.get(tag(0x6000, 0x3000)), before);
  });

  const name = SHARED_DATA && join(SHARED_DATA, "dicom", "pixel_phi", "pydicom-data__MR-SIEMENS-DICOM-WithOverlays.dcm");
  it("when the Siemens MR overlay is redacted through redactFile then the bits under the rectangle go and the rest stay", { skip: !name || !existsSync(name) }, async () => {
    const file = readDicom(new Uint8Array(readFileSync(name!)));
    const before = file.dataset.get(tag(0x6000, 0x3000))!.value!.slice();
    const set = (v: Uint8Array, b: number): number => (v[b >> 3] >> (b & 7)) & 1;
    const rect = { x: 400, y: 120, w: 60, h: 40 };
    const result = await redactFile(file, { rects: [rect] });
    const after = readDicom(writeDicom(file)).dataset.get(tag(0x6000, 0x3000))!.value!;
    let inside = 0;
    for (let b = 0; b < 484 * 484; b++) {
      const x = b % 484, y = Math.floor(b / 484);
      const within = x >= rect.x && x < rect.x + rect.w && y >= rect.y && y < rect.y + rect.h;
      if (within) {
        inside += set(before, b);
        assert.equal(set(after, b), 0);
      } else assert.equal(set(after, b), set(before, b));
    }
    assert.ok(inside > 0);
    assert.equal(result.overlayBitsCleared, inside);
  });
});
