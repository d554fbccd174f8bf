// Specific Character Set (0008,0005): PS3.5 6.1 and PS3.3 C.12.1.1.2. Decodes and encodes the
// text of SH, LO, ST, PN, LT, UC and UT values, including ISO 2022 code extensions (escape
// sequences switching the G0 and G1 code elements) as used for Japanese, Korean and Chinese.

/** ISO 2022 ESC. */
const ESC = 0x1b;

/** One ISO 2022 code element (a graphic character set designated to G0 or G1). */
interface CodeElement {
  /** Register it is designated to: G0 (bytes 21-7E) or G1 (bytes A0-FF). */
  readonly g: 0 | 1;
  /** Bytes per character. */
  readonly width: 1 | 2;
  /** Designation escape sequence, ESC included (PS3.3 Tables C.12-3 and C.12-4). */
  readonly escape: readonly number[];
  /** Decodes a run of bytes that all belong to this element. */
  readonly decode: (run: Uint8Array) => string;
  /** Code point -> bytes, built on first use. */
  readonly encoder: () => ReadonlyMap<number, readonly number[]>;
}

const escBytes = (s: string): number[] => [ESC, ...Array.from(s, (c) => c.charCodeAt(0))];

/** Decodes bytes one to one as code points (ISO 8859-1; WHATWG's "iso-8859-1" is windows-1252). */
function latin1(bytes: Uint8Array): string {
  // apply takes the typed array as an array-like (a spread would run its iterator).
  if (bytes.length <= 8192) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

/** True when every byte is 7-bit and none is ESC (the text needs no code element switching). */
function plainAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80 || bytes[i] === ESC) return false;
  return true;
}

/**
 * Builds a code point -> bytes map from (bytes, decoded character) pairs. Unmapped codes (U+FFFD)
 * and private-use code points (vendor-specific, not interchangeable) are left out; the first
 * code of a character wins.
 */
function reverse(pairs: Iterable<[readonly number[], string]>): Map<number, readonly number[]> {
  const map = new Map<number, readonly number[]>();
  for (const [bytes, ch] of pairs) {
    const cp = ch.codePointAt(0);
    if (cp === undefined || cp === 0xfffd || (cp >= 0xe000 && cp <= 0xf8ff) || map.has(cp)) continue;
    map.set(cp, bytes);
  }
  return map;
}

/** Memoizes a lazily built table. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/**
 * Decodes every code of a multi-byte table in one call and pairs each code with its character.
 * `codes` must each decode to exactly one character (U+FFFD when unmapped).
 */
function decodeCodes(label: string, codes: number[][]): [number[], string][] {
  const flat = Uint8Array.from(codes.flat());
  const chars = Array.from(new TextDecoder(label).decode(flat));
  if (chars.length !== codes.length) throw new Error(`charset table ${label}: ${chars.length} characters for ${codes.length} codes`);
  return codes.map((c, i) => [c, chars[i]]);
}

/** All two-byte codes with lead and trail in the given ranges. */
function grid(leads: [number, number], trails: [number, number][]): number[][] {
  const out: number[][] = [];
  for (let a = leads[0]; a <= leads[1]; a++) for (const [lo, hi] of trails) for (let b = lo; b <= hi; b++) out.push([a, b]);
  return out;
}

/** G0 ISO-IR 6 (ASCII), the default repertoire. JIS X 0201 Romaji (ISO-IR 14) is decoded the same way. */
function ascii(escape: string): CodeElement {
  return {
    g: 0, width: 1, escape: escBytes(escape),
    decode: latin1,
    encoder: lazy(() => new Map(Array.from({ length: 0x80 }, (_, b): [number, number[]] => [b, [b]]))),
  };
}

/** A G1 96-character set of ISO 8859 (bytes A0-FF); C1 bytes 80-9F decode as C1 controls. */
function iso8859(escape: string, label: string): CodeElement {
  const table = lazy(() => {
    const high = Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i);
    const chars = label === "latin1" ? latin1(high) : new TextDecoder(label).decode(high);
    // windows-874 gives private-use code points for bytes TIS 620 leaves unassigned: unmapped.
    return Array.from(chars, (ch) => (/[\ue000-\uf8ff]/.test(ch) ? "\ufffd" : ch));
  });
  return {
    g: 1, width: 1, escape: escBytes(escape),
    decode: (run) => Array.from(run, (b) => (b >= 0xa0 ? table()[b - 0xa0] : String.fromCharCode(b))).join(""),
    encoder: lazy(() => reverse(table().map((ch, i): [number[], string] => [[0xa0 + i], ch]))),
  };
}

/** G1 JIS X 0201 Katakana (ISO-IR 13): A1-DF are the half-width katakana U+FF61-U+FF9F. */
const KATAKANA: CodeElement = {
  g: 1, width: 1, escape: escBytes(")I"),
  decode: (run) => Array.from(run, (b) => (b >= 0xa1 && b <= 0xdf ? String.fromCharCode(0xff61 + b - 0xa1) : "\ufffd")).join(""),
  encoder: lazy(() => new Map(Array.from({ length: 0x3f }, (_, i): [number, number[]] => [0xff61 + i, [0xa1 + i]]))),
};

/** A two-byte G0 set of JIS (ISO-IR 87 JIS X 0208, ISO-IR 159 JIS X 0212), decoded through EUC-JP. */
function jis(escape: string, prefix: number[]): CodeElement {
  const euc = new TextDecoder("euc-jp");
  const toEuc = (run: Uint8Array): Uint8Array => {
    const out: number[] = [];
    for (let i = 0; i < run.length; i += 2) out.push(...prefix, run[i] | 0x80, ...(i + 1 < run.length ? [run[i + 1] | 0x80] : []));
    return Uint8Array.from(out);
  };
  return {
    g: 0, width: 2, escape: escBytes(escape),
    decode: (run) => euc.decode(toEuc(run)),
    encoder: lazy(() => {
      const codes = grid([0x21, 0x7e], [[0x21, 0x7e]]);
      const decoded = decodeCodes("euc-jp", codes.map((c) => [...prefix, c[0] | 0x80, c[1] | 0x80]));
      return reverse(decoded.map(([, ch], i): [number[], string] => [codes[i], ch]));
    }),
  };
}

/** A two-byte G1 set decoded by an EUC-style decoder (ISO-IR 149 KS X 1001, ISO-IR 58 GB 2312). */
function euc(escape: string, label: string, leads: [number, number]): CodeElement {
  const decoder = new TextDecoder(label);
  return {
    g: 1, width: 2, escape: escBytes(escape),
    decode: (run) => decoder.decode(run),
    encoder: lazy(() => reverse(decodeCodes(label, grid(leads, [[0xa1, 0xfe]])))),
  };
}

const ASCII = ascii("(B");
const ROMAJI = ascii("(J");
const LATIN1 = iso8859("-A", "latin1");
const JIS_X_0208 = jis("$B", []);
const JIS_X_0212 = jis("$(D", [0x8f]);
const KS_X_1001 = euc("$)C", "euc-kr", [0xa1, 0xfe]);
const GB_2312 = euc("$)A", "gbk", [0xa1, 0xf7]);

/** A multi-byte character set without code extensions, applied to the whole value. */
interface WholeValueSet {
  readonly label: "utf-8" | "gb18030" | "gbk";
}

type CharsetDef = readonly CodeElement[] | WholeValueSet;

/** PS3.3 Tables C.12-2 to C.12-5: defined terms of Specific Character Set and what they designate. */
const DEFINED = new Map<string, CharsetDef>([
  ["ISO 2022 IR 6", [ASCII]],
  ["ISO_IR 13", [ROMAJI, KATAKANA]], ["ISO 2022 IR 13", [ROMAJI, KATAKANA]],
  ["ISO 2022 IR 87", [JIS_X_0208]],
  ["ISO 2022 IR 159", [JIS_X_0212]],
  ["ISO 2022 IR 149", [KS_X_1001]],
  ["ISO 2022 IR 58", [GB_2312]],
  ["ISO_IR 192", { label: "utf-8" }],
  ["GB18030", { label: "gb18030" }],
  ["GBK", { label: "gbk" }],
]);
for (const [ir, escape, label] of [
  ["100", "-A", "latin1"], ["101", "-B", "iso-8859-2"], ["109", "-C", "iso-8859-3"], ["110", "-D", "iso-8859-4"],
  ["144", "-L", "iso-8859-5"], ["127", "-G", "iso-8859-6"], ["126", "-F", "iso-8859-7"], ["138", "-H", "iso-8859-8"],
  ["148", "-M", "iso-8859-9"], ["203", "-b", "iso-8859-15"], ["166", "-T", "windows-874"],
] as const) {
  const g1 = ir === "100" ? LATIN1 : iso8859(escape, label);
  DEFINED.set(`ISO_IR ${ir}`, [ASCII, g1]);
  DEFINED.set(`ISO 2022 IR ${ir}`, [ASCII, g1]);
}

/** G1 for an unknown term: decodes as ISO 8859-1 but encodes nothing, so only ASCII is written (fail closed). */
const UNKNOWN_G1: CodeElement = { ...LATIN1, encoder: () => new Map() };

/** Spelling-insensitive key: "iso-ir 100", "ISO_IR100" and "ISO_IR 100" all give "ISOIR100". */
const looseKey = (term: string): string => term.toUpperCase().replace(/[\s_-]+/g, "");
const LOOSE = new Map<string, CharsetDef>([...DEFINED].map(([k, v]) => [looseKey(k), v]));
LOOSE.set(looseKey("ISO_IR 6"), [ASCII]); // a common misspelling of the default repertoire

/** Every element designated by any escape sequence this module knows, with aliases. */
const ESCAPES: { bytes: readonly number[]; el: CodeElement }[] = [ASCII, ROMAJI, KATAKANA, JIS_X_0208, JIS_X_0212, KS_X_1001, GB_2312]
  .concat([...DEFINED.values()].flatMap((d) => (Array.isArray(d) ? d : [])))
  .map((el) => ({ bytes: el.escape, el }))
  .concat([{ bytes: escBytes("$@"), el: JIS_X_0208 }]); // JIS C 6226-1978, older spelling of JIS X 0208

/** Terms that are not defined terms of PS3.3 C.12.1.1.2 (value 1 may be empty: the default repertoire). */
export function unknownCharsets(charsets: readonly string[]): string[] {
  return charsets.map((c) => c.trim()).filter((c, i) => !(c === "" && i === 0) && !DEFINED.has(c));
}

/** What decoding and encoding need to know about a Specific Character Set value. */
interface Plan {
  readonly whole?: WholeValueSet;
  readonly g0: CodeElement;
  readonly g1: CodeElement | undefined;
  /** G1 for bytes >= 80 when no G1 is designated: first declared G1, else ISO 8859-1. */
  readonly fallbackG1: CodeElement;
  /** Elements the encoder may switch to, initial ones first. */
  readonly candidates: readonly CodeElement[];
}

const plans = new Map<string, Plan>();

/** Resolves a Specific Character Set; unknown terms decode as ISO 8859-1 and encode ASCII only. */
function planFor(charsets: readonly string[]): Plan {
  const key = charsets.join("\\");
  const cached = plans.get(key);
  if (cached) return cached;
  const defs = charsets.map((c): CharsetDef => {
    const t = c.trim();
    if (t === "") return [ASCII]; // value 1 empty: the default repertoire (PS3.3 C.12.1.1.2)
    return DEFINED.get(t) ?? LOOSE.get(looseKey(t)) ?? [ASCII, UNKNOWN_G1];
  });
  if (defs.length === 0) defs.push([ASCII]);
  const whole = defs.find((d): d is WholeValueSet => !Array.isArray(d));
  const sets = defs.filter((d): d is readonly CodeElement[] => Array.isArray(d));
  const first = sets[0] ?? [ASCII];
  const g0 = first.find((e) => e.g === 0) ?? ASCII;
  const g1 = first.find((e) => e.g === 1);
  const candidates = [...new Set([g0, ...(g1 ? [g1] : []), ...sets.flat()])];
  const plan: Plan = { whole, g0, g1, fallbackG1: g1 ?? candidates.find((e) => e.g === 1) ?? LATIN1, candidates };
  if (plans.size < 256) plans.set(key, plan);
  return plan;
}

/**
 * PS3.5 6.1.2.5.3: bytes before which the initial code elements are active again: control
 * characters, the value delimiter "\" (multi-valued VRs), and "^" and "=" in PN.
 */
function delimiters(vr: string | undefined): ReadonlySet<number> {
  if (vr === "PN") return PN_DELIMITERS;
  if (vr === "LT" || vr === "ST" || vr === "UT") return NO_DELIMITERS;
  return VALUE_DELIMITERS;
}
const PN_DELIMITERS: ReadonlySet<number> = new Set([0x5c, 0x5e, 0x3d]);
const VALUE_DELIMITERS: ReadonlySet<number> = new Set([0x5c]);
const NO_DELIMITERS: ReadonlySet<number> = new Set();

/** The known escape sequence at `at`, if any. */
function matchEscape(bytes: Uint8Array, at: number): { bytes: readonly number[]; el: CodeElement } | undefined {
  return ESCAPES.find((e) => e.bytes.every((b, k) => bytes[at + k] === b));
}

const wholeDecoders = new Map<string, TextDecoder>();

/**
 * Decodes a text value's bytes with a Specific Character Set (PS3.5 6.1). Padding is kept.
 * `vr` decides where the initial code elements become active again (PS3.5 6.1.2.5.3).
 * Unknown terms decode as ISO 8859-1 (misspellings such as "ISO-IR 144" as the set they name);
 * list them with unknownCharsets to warn.
 */
export function decodeText(bytes: Uint8Array, charsets: readonly string[], options: { vr?: string } = {}): string {
  const plan = planFor(charsets);
  if (plan.whole) {
    const label = plan.whole.label;
    let d = wholeDecoders.get(label);
    if (!d) wholeDecoders.set(label, (d = new TextDecoder(label, { ignoreBOM: true })));
    return d.decode(bytes);
  }
  if (plan.g0.width === 1 && plainAscii(bytes)) return latin1(bytes);
  const delims = delimiters(options.vr);
  let g0 = plan.g0;
  let g1 = plan.g1;
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b === ESC) {
      const hit = matchEscape(bytes, i);
      if (hit) {
        if (hit.el.g === 0) g0 = hit.el;
        else g1 = hit.el;
        i += hit.bytes.length;
      } else {
        out += "\x1b";
        i++;
      }
    } else if (b < 0x80 && g0.width === 2 && b >= 0x21 && b <= 0x7e) {
      let j = i;
      while (j < bytes.length && bytes[j] >= 0x21 && bytes[j] <= 0x7e) j++;
      out += g0.decode(bytes.subarray(i, j));
      i = j;
    } else if (b < 0x80) {
      if (b < 0x20 || delims.has(b)) {
        g0 = plan.g0;
        g1 = plan.g1;
      }
      out += String.fromCharCode(b);
      i++;
    } else {
      let j = i;
      while (j < bytes.length && bytes[j] >= 0x80) j++;
      out += (g1 ?? plan.fallbackG1).decode(bytes.subarray(i, j));
      i = j;
    }
  }
  return out;
}

/** Two-byte codes (lead 81-FE, trail 40-7E or 80-FE) as the platform decoder of `label` maps them. */
const twoByteTable = (label: string) => lazy(() => reverse(decodeCodes(label, grid([0x81, 0xfe], [[0x40, 0x7e], [0x80, 0xfe]]))));
// ICU's "gbk" (Windows code page 936) and "gb18030" differ in a few codes (e.g. A2E3 is U+E76C
// in one and U+20AC in the other): each set encodes with the table of its own decoder.
const TWO_BYTE = { gbk: twoByteTable("gbk"), gb18030: twoByteTable("gb18030") };

/** GB18030 four-byte codes for the BMP (pointers 0-39419), as WHATWG's gb18030 decoder maps them. */
const GB18030_FOUR = lazy(() => {
  const codes: number[][] = [];
  for (let p = 0; p < 39420; p++) codes.push([0x81 + Math.floor(p / 12600), 0x30 + (Math.floor(p / 1260) % 10), 0x81 + (Math.floor(p / 10) % 126), 0x30 + (p % 10)]);
  return reverse(decodeCodes("gb18030", codes));
});

/** Bytes of one character in a whole-value multi-byte set, or undefined. */
function encodeWholeChar(cp: number, label: "gb18030" | "gbk"): readonly number[] | undefined {
  if (cp < 0x80) return [cp];
  const two = TWO_BYTE[label]().get(cp);
  if (two || label === "gbk") return two;
  if (cp >= 0x10000) {
    // GB18030: supplementary planes map linearly from 90 30 81 30.
    const p = cp - 0x10000;
    return [0x90 + Math.floor(p / 12600), 0x30 + (Math.floor(p / 1260) % 10), 0x81 + (Math.floor(p / 10) % 126), 0x30 + (p % 10)];
  }
  return GB18030_FOUR().get(cp);
}

/** True when the string holds an unpaired UTF-16 surrogate (not representable in any charset). */
const hasLoneSurrogate = (s: string): boolean => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

/**
 * Encodes text with a Specific Character Set, switching code elements with ISO 2022 escape
 * sequences where the set allows it and returning to the initial elements before each
 * delimiter and at the end (PS3.5 6.1.2.5.3). Without `vr`, "\\", "^" and "=" all count as
 * delimiters (extra escapes are harmless). Undefined when a character cannot be represented.
 */
export function encodeText(text: string, charsets: readonly string[], options: { vr?: string } = {}): Uint8Array | undefined {
  if (hasLoneSurrogate(text)) return undefined;
  const plan = planFor(charsets);
  if (plan.whole?.label === "utf-8") return new TextEncoder().encode(text);
  const out: number[] = [];
  if (plan.whole) {
    const label = plan.whole.label;
    for (const ch of text) {
      const bytes = encodeWholeChar(ch.codePointAt(0)!, label);
      if (!bytes) return undefined;
      out.push(...bytes);
    }
    return Uint8Array.from(out);
  }
  const delims = options.vr === undefined ? PN_DELIMITERS : delimiters(options.vr);
  let g0 = plan.g0;
  let g1 = plan.g1;
  const reset = (): void => {
    if (g0 !== plan.g0) out.push(...(g0 = plan.g0).escape);
    if (g1 !== plan.g1) {
      // With no initial G1 nothing can be re-designated; forget G1 so its next use designates it again.
      if (plan.g1) out.push(...plan.g1.escape);
      g1 = plan.g1;
    }
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp < 0x80 && delims.has(cp))) {
      reset();
      out.push(cp);
      continue;
    }
    let bytes = g0.encoder().get(cp) ?? g1?.encoder().get(cp);
    if (!bytes) {
      const el = plan.candidates.find((e) => e.encoder().has(cp));
      if (!el) return undefined;
      out.push(...el.escape);
      if (el.g === 0) g0 = el;
      else g1 = el;
      bytes = el.encoder().get(cp)!;
    }
    out.push(...bytes);
  }
  reset();
  return Uint8Array.from(out);
}
