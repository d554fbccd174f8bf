import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeText, encodeText, unknownCharsets } from "../../src/io/charset.js";
import { SHARED_DATA, hex } from "../helpers/hex.js";

const toHex = (b: Uint8Array | undefined): string | undefined => (b ? Buffer.from(b).toString("hex") : undefined);

// PS3.5 Example H.3-1: "\ISO 2022 IR 87", Yamada^Tarou=山田^太郎=やまだ^たろう.
const H31 = hex(`
  59 61 6d 61 64 61 5e 54 61 72 6f 75 3d   # Yamada^Tarou=
  1b 24 42 3b 33 45 44 1b 28 42 5e         # ESC $ B 山田 ESC ( B ^
  1b 24 42 42 40 4f 3a 1b 28 42 3d         # ESC $ B 太郎 ESC ( B =
  1b 24 42 24 64 24 5e 24 40 1b 28 42 5e   # ESC $ B やまだ ESC ( B ^
  1b 24 42 24 3f 24 6d 24 26 1b 28 42      # ESC $ B たろう ESC ( B
`);
// PS3.5 Example H.3-2: "ISO 2022 IR 13\ISO 2022 IR 87"; G0 returns to JIS X 0201 Romaji (ESC ( J).
const H32 = hex(`
  d4 cf c0 de 5e c0 db b3 3d               # ﾔﾏﾀﾞ^ﾀﾛｳ= (G1 katakana)
  1b 24 42 3b 33 45 44 1b 28 4a 5e         # ESC $ B 山田 ESC ( J ^
  1b 24 42 42 40 4f 3a 1b 28 4a 3d         # ESC $ B 太郎 ESC ( J =
  1b 24 42 24 64 24 5e 24 40 1b 28 4a 5e   # ESC $ B やまだ ESC ( J ^
  1b 24 42 24 3f 24 6d 24 26 1b 28 4a      # ESC $ B たろう ESC ( J
`);
// PS3.5 Example I.2-1: "\ISO 2022 IR 149", Hong^Gildong=洪^吉洞=홍^길동, one G1 designation per component.
const I21 = hex(`
  48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d   # Hong^Gildong=
  1b 24 29 43 fb f3 5e                     # ESC $ ) C 洪 ^
  1b 24 29 43 d1 ce d4 d7 3d               # ESC $ ) C 吉洞 =
  1b 24 29 43 c8 ab 5e                     # ESC $ ) C 홍 ^
  1b 24 29 43 b1 e6 b5 bf                  # ESC $ ) C 길동
`);

test("when PS3.5 Annex H and I examples are decoded then the published names come back", () => {
  assert.equal(decodeText(H31, ["", "ISO 2022 IR 87"], { vr: "PN" }), "Yamada^Tarou=山田^太郎=やまだ^たろう");
  assert.equal(decodeText(H32, ["ISO 2022 IR 13", "ISO 2022 IR 87"], { vr: "PN" }), "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
  assert.equal(decodeText(I21, ["", "ISO 2022 IR 149"], { vr: "PN" }), "Hong^Gildong=洪^吉洞=홍^길동");
});

test("when PS3.5 Annex H and I names are encoded then the published bytes come out", () => {
  assert.equal(toHex(encodeText("Yamada^Tarou=山田^太郎=やまだ^たろう", ["", "ISO 2022 IR 87"], { vr: "PN" })), toHex(H31));
  assert.equal(toHex(encodeText("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", ["ISO 2022 IR 13", "ISO 2022 IR 87"], { vr: "PN" })), toHex(H32));
  assert.equal(toHex(encodeText("Hong^Gildong=洪^吉洞=홍^길동", ["", "ISO 2022 IR 149"], { vr: "PN" })), toHex(I21));
});

test("when a Chinese name is encoded with GB 2312, GB18030 and GBK then the known codes come out (PS3.5 J, K)", () => {
  // 张 D5C5, 小 D0A1, 东 B6AB, 王 CDF5 in GB 2312 (and so in GBK and GB18030).
  const ir58 = hex("5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d  1b 24 29 41 d5 c5 5e  1b 24 29 41 d0 a1 b6 ab 3d");
  assert.equal(toHex(encodeText("Zhang^XiaoDong=张^小东=", ["", "ISO 2022 IR 58"], { vr: "PN" })), toHex(ir58));
  assert.equal(decodeText(ir58, ["", "ISO 2022 IR 58"], { vr: "PN" }), "Zhang^XiaoDong=张^小东=");
  const gb = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d");
  for (const cs of ["GB18030", "GBK"]) {
    assert.equal(decodeText(gb, [cs], { vr: "PN" }), "Wang^XiaoDong=王^小东=");
    assert.equal(toHex(encodeText("Wang^XiaoDong=王^小东=", [cs])), toHex(gb));
  }
});

test("when single-byte sets are decoded then each maps its upper half (PS3.3 C.12-2)", () => {
  const cases: [string, string, string][] = [
    ["ISO_IR 100", "42 75 63 5e 4a e9 72 f4 6d 65", "Buc^Jérôme"],
    ["ISO_IR 101", "a3 f3 64 bc", "Łódź"],
    ["ISO_IR 109", "a1", "Ħ"],
    ["ISO_IR 110", "e0", "ā"],
    ["ISO_IR 144", "bb ee da 63 65 dc d1 79 70 d3", "Люкceмбypг"],
    ["ISO_IR 127", "e2 c8 c7 e6 ea 5e e4 e6 d2 c7 d1", "قباني^لنزار"],
    ["ISO_IR 126", "c4 e9 ef ed f5 f3 e9 ef f2", "Διονυσιος"],
    ["ISO_IR 138", "f9 f8 e5 ef 5e e3 e1 e5 f8 e4", "שרון^דבורה"],
    ["ISO_IR 148", "dd fe f0", "İşğ"],
    ["ISO_IR 203", "a4", "€"],
    ["ISO_IR 166", "a1", "ก"],
    ["ISO_IR 13", "b1 5e 41", "ｱ^A"],
    ["ISO_IR 192", "e7 8e 8b", "王"],
  ];
  for (const [cs, bytes, text] of cases) {
    assert.equal(decodeText(hex(bytes), [cs], { vr: "PN" }), text, cs);
    assert.equal(toHex(encodeText(text, [cs], { vr: "PN" })), toHex(hex(bytes)), cs);
  }
});

test("when ISO_IR 100 meets bytes 80-9F then they stay C1 controls, not windows-1252", () => {
  assert.equal(decodeText(hex("80 9f"), ["ISO_IR 100"]), "\u0080\u009f");
  assert.equal(decodeText(hex("e9"), []), "é"); // default repertoire with high bytes: read as Latin-1
});

test("when every byte of every single-byte set round-trips then decoding and encoding agree", () => {
  for (const ir of ["100", "101", "109", "110", "144", "127", "126", "138", "148", "203", "166"]) {
    for (let b = 0xa0; b <= 0xff; b++) {
      const ch = decodeText(Uint8Array.of(b), [`ISO_IR ${ir}`]);
      if (ch === "\ufffd") continue;
      assert.equal(toHex(encodeText(ch, [`ISO_IR ${ir}`])), b.toString(16), `ISO_IR ${ir} byte ${b.toString(16)}`);
    }
  }
});

test("when a value delimiter comes then the initial G1 is active again (PS3.5 6.1.2.5.3)", () => {
  const cs = ["ISO 2022 IR 100", "ISO 2022 IR 144"];
  const bytes = hex("1b 2d 4c b0 5c e9"); // ESC - L А \ é (back to Latin-1)
  assert.equal(decodeText(bytes, cs, { vr: "LO" }), "А\\é");
  assert.equal(toHex(encodeText("А\\é", cs, { vr: "LO" })), "1b2d4cb01b2d415ce9");
  assert.equal(decodeText(encodeText("А\\é", cs, { vr: "LO" })!, cs, { vr: "LO" }), "А\\é");
  // In LT a backslash is text, not a delimiter: the designation survives it.
  assert.equal(decodeText(hex("1b 2d 4c b0 5c b0"), cs, { vr: "LT" }), "А\\А");
  // "=" and "^" reset only in PN.
  assert.equal(decodeText(hex("1b 2d 4c b0 3d b0"), cs, { vr: "LO" }), "А=А");
  assert.equal(decodeText(hex("1b 2d 4c b0 3d b0"), cs, { vr: "PN" }), "А=°");
});

test("when Korean text spans lines then each line may designate G1 again (PS3.5 I.3)", () => {
  const lt = hex("1b 24 29 43 41 20 c7 d1 b1 db 0d 0a 1b 24 29 43 42 20 c7 d1 b1 db 0d 0a 43");
  assert.equal(decodeText(lt, ["", "ISO 2022 IR 149"], { vr: "LT" }), "A 한글\r\nB 한글\r\nC");
  const enc = encodeText("A 한글\r\nB 한글\r\nC", ["", "ISO 2022 IR 149"], { vr: "LT" })!;
  assert.equal(decodeText(enc, ["", "ISO 2022 IR 149"], { vr: "LT" }), "A 한글\r\nB 한글\r\nC");
  // Hangul without any escape (common in the wild): decoded with the declared G1 set.
  assert.equal(decodeText(hex("c7 d1 b1 db"), ["", "ISO 2022 IR 149"]), "한글");
  assert.equal(decodeText(hex("c7 d1 b1 db"), ["ISO 2022 IR 149"]), "한글");
});

test("when JIS X 0212 is designated then supplementary kanji decode and encode", () => {
  const bytes = hex("1b 24 28 44 30 21 1b 28 42"); // ESC $ ( D 丂 ESC ( B
  const cs = ["", "ISO 2022 IR 87", "ISO 2022 IR 159"];
  assert.equal(decodeText(bytes, cs), "丂");
  assert.equal(toHex(encodeText("丂", cs)), toHex(bytes));
  assert.equal(decodeText(encodeText("山丂 x", cs)!, cs), "山丂 x");
});

test("when text cannot be represented then encodeText gives undefined", () => {
  assert.equal(encodeText("é", []), undefined);
  assert.equal(encodeText("山", ["ISO_IR 100"]), undefined);
  assert.equal(encodeText("한", ["", "ISO 2022 IR 87"]), undefined);
  assert.equal(encodeText("ä", ["GBK"]), undefined);
  assert.equal(encodeText("a\ud800b", ["ISO_IR 192"]), undefined);
  assert.equal(toHex(encodeText("ä😀", ["ISO_IR 192"])), "c3a4f09f9880");
});

test("when GB18030 meets characters outside GBK then four-byte codes round-trip", () => {
  for (const text of ["ä", "😀", "€", "\u0080", "ȁ"]) {
    const bytes = encodeText(text, ["GB18030"]);
    assert.ok(bytes, text);
    assert.equal(decodeText(bytes, ["GB18030"]), text);
  }
  assert.equal(toHex(encodeText("\u0080", ["GB18030"])), "81308130");
  assert.equal(toHex(encodeText("😀", ["GB18030"])), "9439fc36");
});

test("when terms are unknown or misspelled then unknownCharsets lists them and Latin-1 or the named set decodes", () => {
  assert.deepEqual(unknownCharsets(["", "ISO 2022 IR 87"]), []);
  assert.deepEqual(unknownCharsets(["ISO_IR 100 "]), []);
  assert.deepEqual(unknownCharsets(["ISO_IR 999", "iso-ir 144"]), ["ISO_IR 999", "iso-ir 144"]);
  assert.deepEqual(unknownCharsets(["ISO_IR 6"]), ["ISO_IR 6"]);
  assert.equal(decodeText(hex("e9"), ["ISO_IR 999"]), "é");
  assert.equal(decodeText(hex("b0"), ["iso-ir 144"]), "А");
  // Writing into an unknown set: ASCII only, anything else cannot be represented.
  assert.equal(toHex(encodeText("Doe", ["ISO_IR 999"])), "446f65");
  assert.equal(encodeText("é", ["ISO_IR 999"]), undefined);
});

test("when a value is plain ASCII then every set decodes it unchanged", () => {
  const bytes = hex("44 6f 65 5e 4a 6f 68 6e 20");
  for (const cs of [[], ["ISO_IR 100"], ["", "ISO 2022 IR 87"], ["ISO_IR 192"], ["GB18030"], ["ISO 2022 IR 149"]]) {
    assert.equal(decodeText(bytes, cs, { vr: "PN" }), "Doe^John ", cs.join("\\"));
  }
});

/** One element value found by the scan, with the Specific Character Set in force. */
interface Found {
  value: Uint8Array;
  charsets: string[];
}

const LONG_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]);

/** Tiny explicit-VR-LE walk (file meta and data set) collecting every value of one tag, sequences included. */
function scan(buf: Uint8Array, want: number): Found[] {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const found: Found[] = [];
  const tagAt = (p: number): number => ((dv.getUint16(p, true) << 16) | dv.getUint16(p + 2, true)) >>> 0;
  const walk = (pos: number, end: number, inherited: string[]): number => {
    let charsets = inherited;
    while (pos < end) {
      const t = tagAt(pos);
      if (t === 0xfffee00d) return pos + 8;
      const vr = String.fromCharCode(buf[pos + 4], buf[pos + 5]);
      const long = LONG_VRS.has(vr);
      const len = long ? dv.getUint32(pos + 8, true) : dv.getUint16(pos + 6, true);
      pos += long ? 12 : 8;
      if (vr === "SQ") {
        const stop = len === 0xffffffff ? end : pos + len;
        while (pos < stop) {
          const it = tagAt(pos);
          const ilen = dv.getUint32(pos + 4, true);
          pos += 8;
          if (it === 0xfffee0dd) break;
          pos = walk(pos, ilen === 0xffffffff ? end : pos + ilen, charsets);
        }
        continue;
      }
      const value = buf.subarray(pos, pos + len);
      if (t === 0x00080005) charsets = Buffer.from(value).toString("latin1").split("\\").map((s) => s.trim());
      if (t === want) found.push({ value, charsets });
      pos += len;
    }
    return pos;
  };
  walk(132, buf.length, []);
  return found;
}

const structure = SHARED_DATA ? join(SHARED_DATA, "dicom", "structure") : undefined;

// Expected values: pydicom's charset tests and documentation; dcmdump +U8 agrees where it can convert.
const FILES: { file: string; tag: number; vr: string; expected: string[] }[] = [
  { file: "pydicom__chrArab.dcm", tag: 0x00100010, vr: "PN", expected: ["قباني^لنزار"] },
  { file: "pydicom__chrRuss.dcm", tag: 0x00100010, vr: "PN", expected: ["Люкceмбypг"] },
  { file: "pydicom__chrX1_utf8.dcm", tag: 0x00100010, vr: "PN", expected: ["Wang^XiaoDong=王^小東="] },
  { file: "pydicom__chrH31.dcm", tag: 0x00100010, vr: "PN", expected: ["Yamada^Tarou=山田^太郎=やまだ^たろう"] },
  { file: "pydicom__chrJapMulti.dcm", tag: 0x00100010, vr: "PN", expected: ["やまだ^たろう"] },
  { file: "pydicom__chrJapMulti.dcm", tag: 0x00101001, vr: "PN", expected: ["やまだ^たろう\\やまだ^たろう"] },
  { file: "pydicom__chrJapMulti.dcm", tag: 0x001021b0, vr: "LT", expected: ["たろう"] },
  { file: "pydicom__chrKoreanMulti.dcm", tag: 0x00100010, vr: "PN", expected: ["김희중"] },
  { file: "pydicom__chrKoreanMulti.dcm", tag: 0x00101001, vr: "PN", expected: ["김희중\\김희중"] },
  { file: "pydicom__chrKoreanMulti.dcm", tag: 0x00081070, vr: "PN", expected: ["김희중"] },
  // The item's own Specific Character Set (ISO 2022 IR 13\ISO 2022 IR 87) applies inside the sequence.
  { file: "pydicom__chrSQEncoding.dcm", tag: 0x00100010, vr: "PN", expected: ["ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"] },
  { file: "pydicom__chrSQEncoding.dcm", tag: 0x00321032, vr: "PN", expected: ["Doctor^Who^^MD"] },
];

for (const c of FILES) {
  const path = structure ? join(structure, c.file) : "";
  test(`when ${c.file} (${c.tag.toString(16).padStart(8, "0")}) is decoded then the known text comes back and re-encodes to it`, { skip: !structure || !existsSync(path) }, () => {
    const found = scan(new Uint8Array(readFileSync(path)), c.tag);
    assert.equal(found.length, c.expected.length);
    found.forEach((f, i) => {
      const text = decodeText(f.value, f.charsets, { vr: c.vr }).replace(/[ \0]+$/, "");
      assert.equal(text, c.expected[i]);
      assert.deepEqual(unknownCharsets(f.charsets), []);
      const again = encodeText(text, f.charsets, { vr: c.vr });
      assert.ok(again, "representable");
      assert.equal(decodeText(again, f.charsets, { vr: c.vr }), text);
    });
  });
}
