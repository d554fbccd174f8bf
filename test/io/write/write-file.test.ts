import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { relative } from "node:path";
import { readFileSync } from "node:fs";
import { readDicom } from "../../../src/io/read/read-file.js";
import { writeDicom, IMPLEMENTATION_CLASS_UID } from "../../../src/io/write/write-file.js";
import { setValue, removeValue } from "../../../src/dataset/edit.js";
import { getText, getNumber } from "../../../src/dataset/values.js";
import { tag } from "../../../src/core/tag.js";
import { fixture, fixtureBytes, sameBytes, SHARED_DATA } from "../../helpers/hex.js";
import { listFiles } from "../../helpers/corpus.js";

const fixtures = readdirSync(fixture("dicom")).filter((f) => f.endsWith(".dcm"));

test("when a bundled file with meta is written unchanged then it is byte-identical", () => {
  for (const name of fixtures) {
    const src = fixtureBytes(`dicom/${name}`);
    const f = readDicom(src);
    if (!f.hasMeta || !f.preamble) continue;
    assert.ok(sameBytes(writeDicom(f), src), name);
  }
});

test("when a dataset with no meta is written then it gains a Part 10 header and keeps its dataset bytes", () => {
  for (const name of ["ExplVR_BigEndNoMeta.dcm", "ExplVR_LitEndNoMeta.dcm"]) {
    const src = fixtureBytes(`dicom/${name}`);
    const out = writeDicom(readDicom(src));
    const back = readDicom(out);
    assert.equal(back.hasMeta, true);
    assert.equal(getText(back.meta, tag(0x0002, 0x0012)), IMPLEMENTATION_CLASS_UID);
    assert.ok(sameBytes(out.subarray(out.length - src.length), src), name);
  }
});

test("when a value inside a defined-length sequence changes then every enclosing length is recomputed", () => {
  const src = fixtureBytes("dicom/rtplan.dcm");
  const f = readDicom(src);
  const n = setValue(f.dataset, "BeamSequence[0].BeamName", ["A LONGER BEAM NAME THAN BEFORE"]);
  assert.equal(n, 1);
  const back = readDicom(writeDicom(f));
  assert.equal(getText(back.dataset.get(tag(0x300a, 0x00b0))!.items![0].dataset, tag(0x300a, 0x00c2)), "A LONGER BEAM NAME THAN BEFORE");
  // Every other top-level element is byte-identical.
  for (const el of f.dataset.elements) {
    if (el.tag === tag(0x300a, 0x00b0)) continue;
    const other = back.dataset.get(el.tag)!;
    assert.ok(sameBytes(other.raw!, readDicom(src).dataset.get(el.tag)!.raw!), `element ${el.tag.toString(16)} unchanged`);
  }
});

test("when an element of a group with a group length changes then the group length is recomputed", () => {
  const f = readDicom(fixtureBytes("dicom/chrJapMulti.dcm"));
  const before = getNumber(f.dataset, tag(0x0008, 0x0000))!;
  setValue(f.dataset, "StationName", ["A-MUCH-LONGER-STATION"]);
  const back = readDicom(writeDicom(f));
  assert.equal(getNumber(back.dataset, tag(0x0008, 0x0000)), before + ("A-MUCH-LONGER-STATION ".length - 6));
});

test("when a deflated file is edited then it is re-deflated and reads back", () => {
  const f = readDicom(fixtureBytes("dicom/image_dfl_deflated.dcm"));
  setValue(f.dataset, "PatientName", ["DOE^JANE"]);
  const back = readDicom(writeDicom(f));
  assert.equal(back.transferSyntax.deflated, true);
  assert.equal(getText(back.dataset, tag(0x10, 0x10)), "DOE^JANE");
});

test("when an element is removed from an undefined-length private sequence then the rest reads back", () => {
  const f = readDicom(fixtureBytes("dicom/priv_SQ_undefined_length.dcm"));
  const before = f.dataset.elements.length;
  assert.equal(removeValue(f.dataset, "PatientID") + removeValue(f.dataset, "(0010,0010)") >= 0, true);
  const back = readDicom(writeDicom(f));
  assert.ok(back.dataset.elements.length <= before);
});

test("when a private element is set by creator then the block is reserved and found again", () => {
  const f = readDicom(fixtureBytes("dicom/chrJapMulti.dcm"));
  setValue(f.dataset, '(0011,"DICOM-DEID TEST",01)', ["VALUE"], { vr: "LO" });
  const back = readDicom(writeDicom(f));
  const creator = back.dataset.elements.find((e) => e.tag >>> 16 === 0x0011 && (e.tag & 0xffff) < 0x100)!;
  assert.ok(creator);
  const block = creator.tag & 0xff;
  assert.equal(getText(back.dataset, tag(0x0011, (block << 8) | 0x01)), "VALUE");
});

test("when the big endian file is edited then values stay big endian", () => {
  const f = readDicom(fixtureBytes("dicom/MR_small_bigendian.dcm"));
  setValue(f.dataset, "Rows", [64]);
  setValue(f.dataset, "PatientName", ["DOE^JANE"]);
  const back = readDicom(writeDicom(f));
  assert.equal(back.transferSyntax.littleEndian, false);
  assert.equal(getNumber(back.dataset, tag(0x28, 0x10)), 64);
  assert.equal(getText(back.dataset, tag(0x10, 0x10)), "DOE^JANE");
});

test("when every corpus file (not malformed) is rewritten unchanged then it is byte-identical (needs ../shared/data)", (t) => {
  if (!SHARED_DATA) return t.skip("../shared/data is absent");
  const files = [...listFiles(`${SHARED_DATA}/dicom`), ...listFiles(`${SHARED_DATA}/overlay-phi`)].filter((p) => !p.includes("/malformed/"));
  let identical = 0;
  for (const p of files) {
    const src = new Uint8Array(readFileSync(p));
    const f = readDicom(src);
    const out = writeDicom(f);
    if (f.preamble && f.hasMeta) {
      assert.ok(sameBytes(out, src), relative(SHARED_DATA, p));
      identical++;
    } else {
      // No preamble or no meta: the Part 10 header is added; the dataset bytes are kept.
      const tail = src.subarray(f.hasMeta ? f.datasetOffset : 0);
      assert.ok(sameBytes(out.subarray(out.length - tail.length), tail), relative(SHARED_DATA, p));
    }
  }
  assert.ok(identical > 250);
});
