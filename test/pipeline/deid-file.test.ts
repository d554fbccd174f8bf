import { test } from "node:test";
import assert from "node:assert/strict";
import { deidentifyDicom } from "../../src/pipeline/deid-file.js";
import { BASIC_PROFILE } from "../../src/profile/options.js";
import { secretFromText } from "../../src/deid/keyed.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { openPixels, readFrame } from "../../src/pixels/image.js";
import { getText } from "../../src/dataset/values.js";
import { tag } from "../../src/core/tag.js";
import { fixtureBytes, sameBytes } from "../helpers/hex.js";

const deid = { profile: BASIC_PROFILE, secret: secretFromText("pixel-stage"), pseudonym: { prefix: "ANON" }, maxShiftDays: 365 };
const codes = (b: Uint8Array) => readDicom(b).dataset.get(tag(0x12, 0x64))!.items!.map((i) => getText(i.dataset, tag(0x08, 0x100)));

for (const name of ["MR_small_implicitLE.dcm", "SC_rgb_rle_16bit.dcm", "MR_small_jpeg_ls_lossless.dcm"]) {
  test(`when a region is redacted in ${name} then it is filled, the rest and the syntax are kept, and 113101 is added`, async () => {
    const src = fixtureBytes(`dicom/${name}`);
    const { output, pixels } = await deidentifyDicom(src, deid, { rects: [{ x: 2, y: 3, w: 10, h: 6 }] });
    assert.equal(pixels.redacted, true);
    const a = readDicom(src);
    const b = readDicom(output);
    assert.equal(b.transferSyntax.uid, a.transferSyntax.uid);
    const fa = await readFrame(openPixels(a), 0);
    const fb = await readFrame(openPixels(b), 0);
    const { columns, samplesPerPixel: spp } = fa.format;
    const inside = new Set<number>();
    for (let i = 0; i < fa.pixels.length; i++) {
      const p = Math.floor(i / spp);
      const x = p % columns;
      const y = Math.floor(p / columns);
      if (x >= 2 && x < 12 && y >= 3 && y < 9) inside.add(Number(fb.pixels[i]));
      else assert.equal(fb.pixels[i], fa.pixels[i]);
    }
    assert.ok(inside.size <= spp);
    assert.deepEqual(codes(output), ["113100", "113101"]);
    assert.equal(getText(b.dataset, tag(0x28, 0x301)), "NO");
  });
}

test("when no rectangle is asked for then PixelData stays byte-identical and 113101 is not claimed", async () => {
  const src = fixtureBytes("dicom/SC_rgb_rle_16bit.dcm");
  const { output, pixels } = await deidentifyDicom(src, deid, { rects: [] });
  assert.equal(pixels.redacted, false);
  assert.ok(sameBytes(readDicom(output).dataset.get(tag(0x7fe0, 0x10))!.raw!, readDicom(src).dataset.get(tag(0x7fe0, 0x10))!.raw!));
  assert.deepEqual(codes(output), ["113100"]);
});

test("when the input is a Node Buffer then neither redaction nor decoding writes into it", async () => {
  // Buffer#slice is a view, not a copy: the reader must hand out plain Uint8Array views.
  const src = fixtureBytes("dicom/MR_small_implicitLE.dcm");
  const input = Buffer.from(src);
  await deidentifyDicom(input, deid, { rects: [{ x: 2, y: 3, w: 10, h: 6 }] });
  assert.ok(sameBytes(input, src));
});

test("when a JPEG baseline RGB frame without colour transform is decoded from a Buffer then the Buffer is unchanged (needs ../shared/data)", async (t) => {
  const path = new URL("../../../shared/data/dicom/codecs/pydicom__SC_jpeg_no_color_transform_rgb.dcm", import.meta.url);
  const { existsSync, readFileSync } = await import("node:fs");
  if (!existsSync(path)) return t.skip("../shared/data not present");
  const input = readFileSync(path);
  const copy = new Uint8Array(input);
  await readFrame(openPixels(readDicom(input)), 0);
  assert.ok(sameBytes(input, copy));
});

test("when a mirrored path is checked then the file's own names and IDs are found in it as whole words, other words are not", async () => {
  const { setValue } = await import("../../src/dataset/edit.js");
  const { writeDicom } = await import("../../src/io/write/write-file.js");
  const file = readDicom(fixtureBytes("dicom/MR_small_implicitLE.dcm"));
  setValue(file.dataset, "PatientName", ["Nightingale^Florence"]);
  setValue(file.dataset, "PatientID", ["PID98765"]);
  const { nameHasIdentifying } = await deidentifyDicom(writeDicom(file), deid, { rects: [] });
  const cases: [string, boolean][] = [
    ["study/NIGHTINGALE_FLORENCE_001.dcm", true],
    ["florence-nightingale/ct.dcm", true],
    ["2024/pid98765.dcm", true],
    ["nightingales/ct.dcm", false], // not the whole word
    ["PID987650/ct.dcm", false],
    ["series_3/IM0001.dcm", false],
  ];
  for (const [path, expected] of cases) assert.equal(nameHasIdentifying(path), expected, path);
});
