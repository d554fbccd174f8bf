import { test } from "node:test";
import assert from "node:assert/strict";
import { readDicom } from "../../../src/io/read/read-file.js";
import { DicomError } from "../../../src/core/errors.js";
import { getText, getNumber } from "../../../src/dataset/values.js";
import { tag, UNDEFINED_LENGTH } from "../../../src/core/tag.js";
import { ascii, fixtureBytes, hex } from "../../helpers/hex.js";

/** Part 10 header: 128-byte preamble, DICM, minimal explicit VR LE meta with the given TS. */
function part10(tsUid: string, dataset: string): Uint8Array {
  const ts = tsUid.length % 2 ? tsUid + "\0" : tsUid;
  const tsBytes = hex(ascii(ts));
  const metaBody = hex(`
    02 00 10 00 55 49 ${(ts.length).toString(16).padStart(2, "0")} 00  # (0002,0010) UI TransferSyntaxUID
  `);
  const gl = metaBody.length + tsBytes.length;
  return new Uint8Array([
    ...new Uint8Array(128), ...hex("44 49 43 4D"),
    ...hex(`02 00 00 00 55 4C 04 00 ${[gl & 0xff, gl >> 8, 0, 0].map((b) => b.toString(16).padStart(2, "0")).join(" ")}`), // (0002,0000) UL
    ...metaBody, ...tsBytes, ...hex(dataset),
  ]);
}

const EXPLICIT_LE = "1.2.840.10008.1.2.1";

test("when a Part 10 explicit VR LE file is read then meta, transfer syntax and values come out", () => {
  const f = readDicom(part10(EXPLICIT_LE, `
    10 00 10 00 50 4E 08 00 ${ascii("DOE^JANE")}   # (0010,0010) PN PatientName
    28 00 10 00 55 53 02 00 00 02                  # (0028,0010) US Rows = 512
  `));
  assert.equal(f.transferSyntax.uid, EXPLICIT_LE);
  assert.equal(f.hasMeta, true);
  assert.equal(getText(f.dataset, tag(0x10, 0x10)), "DOE^JANE");
  assert.equal(getNumber(f.dataset, tag(0x28, 0x10)), 512);
  assert.equal(f.dataset.elements[0].offset, 132 + 12 + 8 + 20);
});

test("when a dataset has no preamble and no meta then implicit VR little endian is detected", () => {
  const f = readDicom(hex(`
    08 00 60 00 02 00 00 00 ${ascii("CT")}   # (0008,0060) Modality, implicit: tag + 32-bit length
  `));
  assert.equal(f.hasMeta, false);
  assert.equal(f.transferSyntax.uid, "1.2.840.10008.1.2");
  assert.equal(getText(f.dataset, tag(0x08, 0x60)), "CT");
});

test("when bundled no-meta files are read then their byte order is detected", () => {
  assert.equal(readDicom(fixtureBytes("dicom/ExplVR_BigEndNoMeta.dcm")).transferSyntax.uid, "1.2.840.10008.1.2.2");
  assert.equal(readDicom(fixtureBytes("dicom/ExplVR_LitEndNoMeta.dcm")).transferSyntax.uid, EXPLICIT_LE);
});

test("when a value length runs past the end then a TRUNCATED error names tag path and offset", () => {
  const bytes = part10(EXPLICIT_LE, `
    10 00 10 00 50 4E 20 00 ${ascii("DOE^")}   # (0010,0010) PN declares 32 bytes, has 4
  `);
  assert.throws(() => readDicom(bytes, { file: "x.dcm" }), (e: unknown) => {
    assert.ok(e instanceof DicomError);
    assert.equal(e.code, "TRUNCATED");
    assert.equal(e.tagPath, "(0010,0010)");
    assert.equal(e.offset, 172);
    assert.match(e.message, /^x\.dcm: TRUNCATED at \(0010,0010\), offset 172: /);
    assert.doesNotMatch(e.message, /DOE/);
    return true;
  });
});

test("when the same damage is read leniently then a partial read comes with an error diagnostic", () => {
  const bytes = part10(EXPLICIT_LE, `
    08 00 60 00 43 53 02 00 ${ascii("CT")}     # (0008,0060) CS Modality
    10 00 10 00 50 4E 20 00 ${ascii("DOE^")}   # (0010,0010) PN declares 32 bytes, has 4
  `);
  const f = readDicom(bytes, { lenient: true });
  assert.equal(getText(f.dataset, tag(0x08, 0x60)), "CT");
  assert.ok(f.warnings.some((w) => w.rule === "truncated-value"));
});

test("when a 3 GB length is declared in a tiny file then the error comes at once without allocating", () => {
  const bytes = part10(EXPLICIT_LE, `
    E0 7F 10 00 4F 42 00 00 00 00 00 C0   # (7FE0,0010) OB, length 0xC0000000
    00 00 00 00
  `);
  assert.throws(() => readDicom(bytes), (e: unknown) => e instanceof DicomError && e.code === "TRUNCATED");
});

test("when sequences nest deeper than the limit then TOO_DEEP is raised, not a stack overflow", () => {
  const depth = 5000;
  const open = "08 00 15 11 53 51 00 00 FF FF FF FF  FE FF 00 E0 FF FF FF FF ".repeat(depth); // SQ u/l, item u/l
  const close = "FE FF 0D E0 00 00 00 00  FE FF DD E0 00 00 00 00 ".repeat(depth);
  assert.throws(() => readDicom(part10(EXPLICIT_LE, open + close)), (e: unknown) => e instanceof DicomError && e.code === "TOO_DEEP");
  const ok = readDicom(part10(EXPLICIT_LE, open.repeat(1).slice(0, open.length / depth * 3) + close.slice(0, close.length / depth * 3)));
  assert.equal(ok.dataset.elements.length, 1);
});

test("when undefined-length sequences and items nest then every level is read", () => {
  const f = readDicom(part10(EXPLICIT_LE, `
    08 00 15 11 53 51 00 00 FF FF FF FF    # (0008,1115) SQ ReferencedSeriesSequence, u/l
      FE FF 00 E0 FF FF FF FF              # item u/l
        08 00 40 11 53 51 00 00 12 00 00 00  # (0008,1140) SQ ReferencedImageSequence, 18 bytes
          FE FF 00 E0 0A 00 00 00          # item, 10 bytes
            08 00 55 11 55 49 02 00 ${ascii("1")}00  # (0008,1155) UI "1\0"
      FE FF 0D E0 00 00 00 00              # item delimiter
    FE FF DD E0 00 00 00 00                # sequence delimiter
  `));
  const sq = f.dataset.get(tag(0x08, 0x1115))!;
  assert.equal(sq.length, UNDEFINED_LENGTH);
  assert.equal(sq.items!.length, 1);
  const inner = sq.items![0].dataset.get(tag(0x08, 0x1140))!;
  assert.equal(inner.length, 18);
  assert.equal(getText(inner.items![0].dataset, tag(0x08, 0x1155)), "1");
});

test("when a UN element has undefined length then its items are read as implicit VR (CP-246)", () => {
  const f = readDicom(fixtureBytes("dicom/UN_sequence.dcm"));
  const un = f.dataset.elements.find((e) => e.unAsSequence);
  assert.ok(un, "a UN sequence is found");
  assert.ok(un.items!.length >= 1);
  assert.equal(un.items![0].dataset.encoding.explicitVR, false);
});

test("when a deflated file is read then the dataset is inflated and its values read", () => {
  const f = readDicom(fixtureBytes("dicom/image_dfl_deflated.dcm"));
  assert.equal(f.transferSyntax.deflated, true);
  assert.ok(f.deflatedBytes && f.deflatedBytes.length > 0);
  assert.ok(getNumber(f.dataset, tag(0x28, 0x10))! > 0);
});

test("when the encapsulated pixel data is read then the offset table and fragments are separate", () => {
  const f = readDicom(fixtureBytes("dicom/SC_rgb_rle_16bit.dcm"));
  const px = f.dataset.get(tag(0x7fe0, 0x10))!;
  assert.ok(px.fragments);
  assert.ok(px.fragments.length >= 2);
});

test("when a file is not DICOM then NOT_DICOM is raised", () => {
  assert.throws(() => readDicom(new TextEncoder().encode("hello, this is a text file\n")), (e: unknown) => e instanceof DicomError && e.code === "NOT_DICOM");
});

test("when the transfer syntax is unknown then the error names it and fails closed", () => {
  assert.throws(() => readDicom(part10("1.2.3.4.5", "")), (e: unknown) => e instanceof DicomError && e.code === "UNKNOWN_TRANSFER_SYNTAX" && /1\.2\.3\.4\.5/.test(e.message));
});
