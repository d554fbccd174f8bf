// redactFile on one corpus file per transfer syntax (skipped without /work/shared/data):
// redact 8,8,40,24 on every frame, write, re-read, and compare every frame's decoding with the
// original (inside: the fill; outside: unchanged, except the JPEG blocks touched).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { tag } from "../../src/core/tag.js";
import { getText } from "../../src/dataset/values.js";
import { setValue } from "../../src/dataset/edit.js";
import { readDicom, type DicomFile } from "../../src/io/read/read-file.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import { openPixels } from "../../src/pixels/image.js";
import { redactFile } from "../../src/redact/redact-file.js";
import type { RedactionRequest } from "../../src/redact/types.js";
import { checkRedaction } from "../../src/redact/verify.js";
import { SHARED_DATA } from "../helpers/hex.js";

const DICOM = SHARED_DATA ? join(SHARED_DATA, "dicom") : undefined;
const skip = !DICOM || !existsSync(DICOM) ? "needs /work/shared/data" : undefined;
const load = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DICOM!, name)));
const RECT: RedactionRequest = { rects: [{ x: 8, y: 8, w: 40, h: 24 }] };
const EXPLICIT_LITTLE = "1.2.840.10008.1.2.1";

/** Redacts a copy, writes it, re-reads it and checks it against the original decoding. */
async function roundTrip(name: string, request: RedactionRequest = RECT, frames?: number[]) {
  const bytes = load(name);
  const original = readDicom(bytes);
  const work = readDicom(bytes);
  const result = await redactFile(work, request);
  const written = writeDicom(work, { transferSyntax: result.transferSyntax });
  const reread = readDicom(written);
  const check = await checkRedaction(original, reread, request, result, { frames });
  assert.deepEqual(check.reasons, [], `${name}: ${check.reasons.join("; ")}`);
  assert.ok(check.insideChecked > 0, `${name}: nothing checked inside`);
  return { original, reread, result, written };
}

/** [file, expected method, expected syntax out ("same" = unchanged)] per transfer syntax. */
const CASES: [string, string, string][] = [
  ["codecs/pydicom__MR_small_implicitLE.dcm", "native", "same"],
  ["codecs/pydicom__CT_small_explicitLE.dcm", "native", "same"],
  ["codecs/pydicom__image_dfl_deflated.dcm", "native", "same"],
  ["codecs/pydicom__MR_small_bigendian.dcm", "native", "same"],
  ["codecs/pydicom-data__SC_rgb_expb_2frame.dcm", "native", "same"],
  ["codecs/pydicom__SC_rgb_dcmtk_ybr422.dcm", "jpeg-blocks", "same"],
  ["codecs/pydicom__SC_rgb_jpeg_dcmtk_ybr_full.dcm", "jpeg-blocks", "same"],
  ["codecs/pydicom__SC_jpeg_no_color_transform_rgb.dcm", "jpeg-blocks", "same"],
  ["codecs/pydicom__JPGExtended_12bit.dcm", "jpeg-blocks", "same"],
  ["codecs/cornerstone__CTImage_jpeg_process6_8.dcm", "decoded-to-native", EXPLICIT_LITTLE],
  ["codecs/cornerstone__CTImage_jpeg_process10_12.dcm", "decoded-to-native", EXPLICIT_LITTLE],
  ["codecs/cornerstone__CTImage_jpeg_process14.dcm", "reencoded-lossless", "same"],
  ["codecs/pydicom__SC_rgb_jpeg_gdcm_lossless.dcm", "reencoded-lossless", "same"],
  ["codecs/pydicom__MR_small_jpeg_ls_lossless.dcm", "reencoded-lossless", "same"],
  ["codecs/pydicom__JPEGLSNearLossless_16.dcm", "decoded-to-native", EXPLICIT_LITTLE],
  ["codecs/pydicom__SC_rgb_jls_lossy_line.dcm", "decoded-to-native", EXPLICIT_LITTLE],
  ["codecs/pydicom__MR_small_jp2klossless.dcm", "reencoded-lossless", "same"],
  ["codecs/pydicom__SC_rgb_gdcm_KY_j2k.dcm", "decoded-to-native", EXPLICIT_LITTLE],
  ["codecs/pydicom-data__HTJ2K_lossless_RGB.dcm", "reencoded-lossless", "same"],
  ["codecs/pydicom-data__HTJ2K_lossy_RGB.dcm", "decoded-to-native", EXPLICIT_LITTLE],
  ["codecs/pydicom__MR_small_RLE.dcm", "reencoded-lossless", "same"],
  ["codecs/pydicom-data__liver_deflate_image_frame.dcm", "reencoded-lossless", "same"],
  ["codecs/highdicom__seg_image_ct_binary_1bit.dcm", "native", "same"],
  ["codecs/pydicom-data__color-pl_planar.dcm", "native", "same"],
  ["codecs/pydicom__SC_ybr_full_422_uncompressed.dcm", "native", "same"],
  ["pixel_phi/pydicom-data__OBXXXX1A_palette_US.dcm", "native", "same"],
  ["pixel_phi/pydicom-data__gdcm-US-ALOKA-16_bigendian.dcm", "native", "same"],
  ["pixel_phi/pydicom-data__OBXXXX1A_rle_2frame.dcm", "reencoded-lossless", "same"],
];

describe("redactFile on one corpus file per transfer syntax", { skip }, () => {
  for (const [name, method, syntax] of CASES) {
    it(`when ${name.split("/")[1]} is redacted then inside is the fill, outside unchanged, method ${method}`, async () => {
      const { original, reread, result } = await roundTrip(name);
      assert.ok(result.frames.every((f) => f.method === method), `methods: ${result.frames.map((f) => f.method).join(",")}`);
      const want = syntax === "same" ? original.transferSyntax.uid : syntax;
      assert.equal(reread.transferSyntax.uid, want);
      assert.equal(result.transferSyntaxChanged, want !== original.transferSyntax.uid);
    });
  }

  it("when a lossy JPEG 2000 YBR_ICT file is decoded to native then it says RGB and stays marked lossy", async () => {
    const { reread, result } = await roundTrip("pixel_phi/pydicom-data__US1_J2KI.dcm");
    assert.equal(getText(reread.dataset, tag(0x0028, 0x0004)), "RGB");
    assert.equal(getText(reread.dataset, tag(0x0028, 0x2110)), "01");
    assert.ok(result.notes.some((n) => n.includes("natively")));
    assert.equal(openPixels(reread).encapsulated, undefined);
  });

  it("when the check is given other rectangles than were redacted then it reports changes outside", async () => {
    const bytes = load("codecs/pydicom__CT_small_explicitLE.dcm");
    const original = readDicom(bytes);
    const work = readDicom(bytes);
    const result = await redactFile(work, RECT);
    const other = { ...result, frames: result.frames.map((f) => ({ ...f, rects: [{ x: 8, y: 8, w: 20, h: 24 }] })) };
    const check = await checkRedaction(original, readDicom(writeDicom(work)), { rects: [{ x: 8, y: 8, w: 20, h: 24 }] }, other);
    assert.equal(check.ok, false);
    assert.ok(check.outsideChanged > 0);
  });

  it("when a palette image is redacted with auto fill then the fill is the darkest palette index", async () => {
    const { result } = await roundTrip("pixel_phi/pydicom-data__OT-PAL-8-face.dcm");
    const { darkestPaletteIndex } = await import("../../src/redact/palette.js");
    assert.deepEqual(result.fill, [darkestPaletteIndex(readDicom(load("pixel_phi/pydicom-data__OT-PAL-8-face.dcm")).dataset, 8)]);
  });

  it("when a JPEG 2000 lossless YBR_RCT file is redacted then it stays 4.90 YBR_RCT", async () => {
    const { reread } = await roundTrip("pixel_phi/pydicom__GDCMJ2K_TextGBR.dcm");
    assert.equal(reread.transferSyntax.uid, "1.2.840.10008.1.2.4.90");
    assert.equal(getText(reread.dataset, tag(0x0028, 0x0004)), "YBR_RCT");
  });

  it("when a 4.70 file holds baseline DCT frames then they are redacted as blocks and the syntax is kept", async () => {
    const { reread, result } = await roundTrip("codecs/dcmjs__sample-op_ophthalmic.dcm");
    assert.equal(result.frames[0].method, "jpeg-blocks");
    assert.equal(reread.transferSyntax.uid, "1.2.840.10008.1.2.4.70");
  });

  it("when an overlay sits in high bits of a JPEG lossless stream then outside samples keep them", async () => {
    const { original, reread } = await roundTrip("pixel_phi/smi__XA_GE_JPEG_02_with_Overlays.dcm");
    const full = (f: DicomFile) => ({ ...openPixels(f), format: { ...openPixels(f).format, bitsStored: 16, highBit: 15 } });
    const { readFrame } = await import("../../src/pixels/image.js");
    const a = await readFrame(full(original), 0);
    const b = await readFrame(full(reread), 0);
    const cols = a.format.columns;
    let highBitsOutside = 0;
    for (let p = 0; p < a.pixels.length; p++) {
      const x = p % cols;
      const y = Math.floor(p / cols);
      const inside = x >= 8 && x < 48 && y >= 8 && y < 32;
      if (inside) assert.equal(b.pixels[p], 0);
      else {
        assert.equal(b.pixels[p], a.pixels[p]);
        if (a.pixels[p] >= 256) highBitsOutside++;
      }
    }
    assert.ok(highBitsOutside > 0, "the stream should carry bits above Bits Stored");
  });
});

describe("redactFile on multi-frame encapsulated files", { skip }, () => {
  /** Fragment values of each frame, as written. */
  const fragmentsOf = (f: DicomFile): Uint8Array[][] => {
    const src = openPixels(f);
    return src.frames!.map((list) => list.map((i) => src.encapsulated!.fragments[i]));
  };
  const same = (a: Uint8Array[], b: Uint8Array[]): boolean => a.length === b.length && a.every((x, i) => Buffer.compare(x, b[i]) === 0);

  for (const [name, method] of [
    ["codecs/pydicom-data__emri_small_RLE_10frame.dcm", "reencoded-lossless"],
    ["codecs/pydicom-data__emri_small_jpeg_ls_10frame.dcm", "reencoded-lossless"],
    ["pixel_phi/dicomparser__IM00001_US_multiframe_jpeg_baseline.dcm", "jpeg-blocks"],
  ] as const) {
    it(`when only frame 1 of ${name.split("/")[1]} is redacted then every other frame keeps its fragments byte for byte`, async () => {
      const request: RedactionRequest = { rects: new Map([[1, [{ x: 8, y: 8, w: 40, h: 24 }]]]) };
      const { original, reread, result } = await roundTrip(name, request);
      assert.deepEqual(result.frames.map((f) => [f.frame, f.method]), [[1, method]]);
      const before = fragmentsOf(original);
      const after = fragmentsOf(reread);
      assert.equal(after.length, before.length);
      before.forEach((frags, i) => assert.equal(same(frags, after[i]), i !== 1, `frame ${i}`));
    });
  }

  it("when every frame of a 30-frame YBR_FULL_422 JPEG is redacted then each reports the blocks filled", async () => {
    const { result } = await roundTrip("pixel_phi/pydicom__examples_ybr_color_US_30frame.dcm", RECT, [0, 17, 29]);
    assert.equal(result.frames.length, 30);
    assert.ok(result.frames.every((f) => f.method === "jpeg-blocks" && (f.blocks ?? 0) > 0));
    const r = result.frames[0].rects[0];
    // Subsampled chroma blocks span 16 pixels: 8,8,40,24 grows to whole chroma blocks.
    assert.ok(r.x === 0 && r.w === 48 && r.y % 8 === 0 && r.y <= 8 && r.y + r.h >= 32 && (r.y + r.h) % 8 === 0);
  });
});

describe("a Basic Offset Table that does not fit its fragments", () => {
  it("when the frames are found by their start markers then the redacted file gets a fitting table and the result says so", async () => {
    const bytes = new Uint8Array(readFileSync(new URL("../fixtures/dicom/SC_rgb_rle_16bit.dcm", import.meta.url)));
    const file = readDicom(bytes);
    const items = file.dataset.get(tag(0x7fe0, 0x0010))!.fragments!;
    items[0] = { ...items[0], value: Uint8Array.from([0, 0, 0, 0, 8, 0, 0, 0]) }; // two offsets for one frame
    const r = await redactFile(file, { rects: [{ x: 0, y: 0, w: 2, h: 2 }] });
    assert.equal(r.tableIgnored, true);
    assert.ok(r.notes.some((n) => /^the Basic Offset Table has 2 offsets for 1 frames; frames found by their start markers$/.test(n)));
    const back = openPixels(readDicom(writeDicom(file)));
    assert.equal(back.tableIgnored, undefined);
    assert.deepEqual([...back.encapsulated!.basicOffsetTable], [0, 0, 0, 0]);
  });
});

describe("an Icon Image Sequence", () => {
  it("when anything is redacted then the icon goes (it shows the unredacted image), and the result says so; with nothing to redact it stays", async () => {
    const bytes = new Uint8Array(readFileSync(new URL("../fixtures/dicom/MR_small_implicitLE.dcm", import.meta.url)));
    const withIcon = (): DicomFile => {
      const file = readDicom(bytes);
      setValue(file.dataset, "IconImageSequence[0].Rows", [8]);
      return file;
    };
    const icon = tag(0x0088, 0x0200);
    const redacted = withIcon();
    const r = await redactFile(redacted, { rects: [{ x: 0, y: 0, w: 4, h: 4 }] });
    assert.equal(redacted.dataset.has(icon), false);
    assert.ok(r.notes.includes("Icon Image Sequence (0088,0200) removed: a thumbnail of the unredacted image"));
    const untouched = withIcon();
    await redactFile(untouched, { rects: [{ x: 500, y: 500, w: 4, h: 4 }] });
    assert.equal(untouched.dataset.has(icon), true);
    const kept = withIcon();
    await redactFile(kept, { rects: [{ x: 0, y: 0, w: 4, h: 4 }] }, { dropIcon: false });
    assert.equal(kept.dataset.has(icon), true);
  });
});
