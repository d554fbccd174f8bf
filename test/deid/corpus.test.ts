import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { deidentifyBytes, type DeidOptions } from "../../src/deid/deidentify.js";
import { BASIC_PROFILE } from "../../src/profile/options.js";
import { secretFromText } from "../../src/deid/keyed.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { elementText, getText } from "../../src/dataset/values.js";
import { setValue } from "../../src/dataset/edit.js";
import { writeDicom } from "../../src/io/write/write-file.js";
import type { Dataset } from "../../src/core/dataset.js";
import { isPrivateTag, tag } from "../../src/core/tag.js";
import { isStringVR } from "../../src/core/vr.js";
import { lookupTag } from "../../src/dictionary/index.js";
import { SHARED_DATA, sameBytes } from "../helpers/hex.js";
import { DUMMY_TEXTS } from "../../src/deid/dummy.js";
import { placeholder } from "../../src/deid/residual.js";
import { listFiles } from "../helpers/corpus.js";

const options: DeidOptions = { profile: BASIC_PROFILE, secret: secretFromText("corpus-secret"), pseudonym: { prefix: "ANON" }, maxShiftDays: 365 };
const IDENTIFYING = new Set(["PatientName", "PatientID", "OtherPatientIDs", "OtherPatientNames", "PatientBirthDate", "AccessionNumber",
  "ReferringPhysicianName", "PerformingPhysicianName", "OperatorsName", "PatientAddress", "PatientTelephoneNumbers", "InstitutionName",
  "InstitutionAddress", "StudyDate", "SeriesDate", "AcquisitionDate", "ContentDate", "PatientMotherBirthName", "RequestingPhysician", "StudyID"]);

/** Every element's text, by keyword and path, walking sequences. */
function walk(ds: Dataset, visit: (kw: string, vr: string, text: string, priv: boolean) => void): void {
  for (const el of ds.elements) {
    if (el.items) { for (const it of el.items) walk(it.dataset, visit); continue; }
    if (!el.value || !isStringVR(el.vr)) continue;
    visit(lookupTag(el.tag)?.keyword ?? "", el.vr, elementText(el, ds) ?? "", isPrivateTag(el.tag));
  }
}

test("when the whole corpus is de-identified (--pixels off) then nothing identifying remains, UIDs map one-to-one, runs repeat, pixels stay (needs ../shared/data)", (t) => {
  if (!SHARED_DATA) return t.skip("../shared/data is absent");
  const files = [...listFiles(`${SHARED_DATA}/dicom`), ...listFiles(`${SHARED_DATA}/overlay-phi`)].filter((p) => !p.includes("/malformed/"));
  const uidMap = new Map<string, string>();
  const reverse = new Map<string, string>();
  let checked = 0;
  for (const p of files) {
    const name = relative(SHARED_DATA, p);
    const src = new Uint8Array(readFileSync(p));
    const { output } = deidentifyBytes(src, options, name);
    assert.ok(sameBytes(output, deidentifyBytes(src, options, name).output), `${name}: second run identical`);
    const a = readDicom(src);
    const b = readDicom(output);
    // Identifying values and private text of the input never stand as a value of the output.
    const secrets = new Set<string>();
    const ordinary = new Set<string>();
    walk(a.dataset, (kw, vr, text, priv) => {
      for (const v of text.split("\\").map((x) => x.trim())) {
        if (v.length >= 4 && (IDENTIFYING.has(kw) || vr === "PN" || (priv && v.length >= 6 && /[A-Za-z]/.test(v)))) secrets.add(v.toUpperCase());
        else if (!priv) ordinary.add(v.toUpperCase());
      }
    });
    // A private value that merely repeats an ordinary standard value (e.g. the manufacturer) is not a secret.
    for (const v of ordinary) secrets.delete(v);
    walk(b.dataset, (kw, vr, text) => {
      for (const v of text.split("\\").map((x) => x.trim().toUpperCase())) assert.ok(!secrets.has(v) || DUMMY_TEXTS.has(v), `${name}: an input value remains in ${kw || vr}`);
    });
    assert.equal(b.dataset.elements.some((e) => isPrivateTag(e.tag)), false, `${name}: no private element remains`);
    // UIDs: instance UIDs remapped, consistently and one-to-one across files.
    for (const t of [tag(0x08, 0x18), tag(0x20, 0x0d), tag(0x20, 0x0e)]) {
      const before = a.dataset.get(t);
      const after = b.dataset.get(t);
      if (!before?.value || !after?.value) continue;
      const x = elementText(before, a.dataset) ?? new TextDecoder("latin1").decode(before.value).replace(/[\0 ]+$/, "");
      const y = elementText(after, b.dataset);
      assert.ok(x !== undefined && y !== undefined, `${name}: ${t.toString(16)} ${before.vr}/${after.vr}`);
      if (x.startsWith("1.2.840.10008.")) continue;
      assert.ok(y.startsWith("2.25."), `${name}: UID remapped`);
      assert.equal(uidMap.get(x) ?? y, y, `${name}: same UID maps the same way`);
      assert.equal(reverse.get(y) ?? x, x, `${name}: two UIDs never map to one`);
      uidMap.set(x, y);
      reverse.set(y, x);
    }
    const px = a.dataset.get(tag(0x7fe0, 0x10));
    if (px) assert.ok(sameBytes(b.dataset.get(tag(0x7fe0, 0x10))!.raw!, px.raw!), `${name}: PixelData identical`);
    assert.equal(b.dataset.get(tag(0x12, 0x64))?.items?.length ? "marked" : "unmarked", "marked");
    checked++;
  }
  assert.ok(checked > 250);
});

const hasDciodvfy = (() => { try { execFileSync("sh", ["-c", "command -v dciodvfy"]); return true; } catch { return false; } })();

test("when outputs are verified with dciodvfy then none has more errors than its input (sample; needs ../shared/data)", { skip: (!SHARED_DATA && "../shared/data is absent") || (!hasDciodvfy && "dciodvfy not installed") }, () => {
  const files = [...listFiles(`${SHARED_DATA}/dicom`), ...listFiles(`${SHARED_DATA}/overlay-phi`)].filter((p) => !p.includes("/malformed/"));
  const dir = mkdtempSync(join(tmpdir(), "dicom-deid-dciod-"));
  const errors = (f: string) => {
    let out: string;
    try { out = execFileSync("dciodvfy", [f], { encoding: "latin1", stdio: ["ignore", "pipe", "pipe"] }); } catch (e) { out = String((e as { stdout?: string }).stdout ?? "") + String((e as { stderr?: string }).stderr ?? ""); }
    return out.split("\n").filter((l) => l.startsWith("Error")).length;
  };
  try {
    for (const p of files.filter((_, i) => i % 4 === 0)) {
      const out = join(dir, "o.dcm");
      writeFileSync(out, deidentifyBytes(new Uint8Array(readFileSync(p)), options).output);
      assert.ok(errors(out) <= errors(p), `${relative(SHARED_DATA!, p)}: dciodvfy errors did not grow`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("when each corpus file's patient name (given name first), ID and birth date (MM/DD/YYYY) are written into a Text Value then the output keeps the text without them (needs ../shared/data)", (t) => {
  if (!SHARED_DATA) return t.skip("../shared/data is absent");
  const files = [...listFiles(`${SHARED_DATA}/dicom`), ...listFiles(`${SHARED_DATA}/overlay-phi`)].filter((p) => !p.includes("/malformed/"));
  let checked = 0;
  for (const p of files) {
    const name = relative(SHARED_DATA, p);
    const f = readDicom(new Uint8Array(readFileSync(p)));
    const parts = (getText(f.dataset, tag(0x10, 0x10)) ?? "").split("=")[0].split("^").filter(Boolean);
    const id = getText(f.dataset, tag(0x10, 0x20)) ?? "";
    const dob = getText(f.dataset, tag(0x10, 0x30)) ?? "";
    const born = /^\d{8}$/.test(dob) ? `${dob.slice(4, 6)}/${dob.slice(6, 8)}/${dob.slice(0, 4)}` : "";
    setValue(f.dataset, "TextValue", [`Seen: ${[...parts].reverse().join(" ")} (${id}) born ${born}; stable`]);
    const out = getText(readDicom(deidentifyBytes(writeDicom(f), options, name).output).dataset, tag(0x40, 0xa160)) ?? "";
    assert.match(out, /^Seen: .*; stable$/, `${name}: the text stays`);
    // Placeholders that name nobody ("Anonymized") are not identifying and may stay.
    const values = [parts.join(" "), id, born].filter((v) => v.length >= 4 && !placeholder(v.toUpperCase()));
    for (const v of values) assert.ok(!out.toUpperCase().includes(v.toUpperCase()), `${name}: an identifying value stays in the Text Value`);
    checked += values.length ? 1 : 0;
  }
  assert.ok(checked > 200, `${checked} files with an identity checked`);
});
