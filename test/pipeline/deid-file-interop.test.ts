// Files written by other toolkits: small images transcoded by dcmtk and GDCM into every syntax
// and layout they offer (JPEG lossless with each predictor, JPEG-LS interleaves, RLE, fragment
// sizes, empty offset tables, big endian, deflate, JPEG 2000), then read and de-identified with a
// region. Needs dcmtk (dcmcjpeg ...) and GDCM (gdcmconv); dciodvfy checks are added when it is
// installed; the shared corpus adds larger images when ../shared/data is present. CI has all.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deidentifyDicom } from "../../src/pipeline/deid-file.js";
import { BASIC_PROFILE } from "../../src/profile/options.js";
import { secretFromText } from "../../src/deid/keyed.js";
import { readDicom } from "../../src/io/read/read-file.js";
import { openPixels, readFrame } from "../../src/pixels/image.js";
import { fixture, SHARED_DATA } from "../helpers/hex.js";
import { hasTool } from "../redact/jpeg/helpers.js";

/** A variant: the tool and its arguments (input and output paths are appended), and the tool that decodes it for reference. */
interface Variant {
  name: string;
  encode: [string, ...string[]];
  decode: string;
  /** Lossy: the reference decode is compared only when the same toolkit decodes (IDCT rounding). */
  lossy?: boolean;
}

const DCMTK_JPEG = (args: string[]): [string, ...string[]] => ["dcmcjpeg", ...args];
const VARIANTS: Variant[] = [
  ...[1, 2, 3, 4, 5, 6, 7].map((sv) => ({ name: `jpeg-lossless-sv${sv}`, encode: DCMTK_JPEG(["+el", "+sv", String(sv)]), decode: "dcmdjpeg" })),
  { name: "jpeg-lossless-1k-fragments-no-bot", encode: DCMTK_JPEG(["+e1", "+fs", "1", "-ot"]), decode: "dcmdjpeg" },
  { name: "rle", encode: ["dcmcrle"], decode: "dcmdrle" },
  { name: "rle-1k-fragments", encode: ["dcmcrle", "+fs", "1"], decode: "dcmdrle" },
  { name: "jpeg-ls", encode: ["dcmcjpls"], decode: "dcmdjpls" },
  { name: "jpeg-ls-interleave-none", encode: ["dcmcjpls", "+in"], decode: "dcmdjpls" },
  { name: "jpeg-ls-interleave-sample", encode: ["dcmcjpls", "+is"], decode: "dcmdjpls" },
  { name: "explicit-big-endian", encode: ["dcmconv", "+tb"], decode: "dcmconv" },
  { name: "deflated", encode: ["dcmconv", "+td"], decode: "dcmconv" },
  { name: "gdcm-j2k", encode: ["gdcmconv", "-K"], decode: "gdcmconv" },
  { name: "gdcm-jpeg-ls", encode: ["gdcmconv", "-L"], decode: "gdcmconv" },
  { name: "gdcm-rle", encode: ["gdcmconv", "-R"], decode: "gdcmconv" },
  { name: "gdcm-deflated", encode: ["gdcmconv", "-d"], decode: "gdcmconv" },
  { name: "gdcm-j2k-irreversible", encode: ["gdcmconv", "-K", "--irreversible"], decode: "gdcmconv", lossy: true },
];

/** Runs a toolkit command on in -> out (GDCM takes -i/-o); false when the tool refuses the image. */
function run(tool: string, args: string[], input: string, output: string): boolean {
  try {
    const files = tool === "gdcmconv" ? ["-i", input, "-o", output] : [input, output];
    execFileSync(tool, [...args, ...files], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The toolkit's own decode to native samples, as a file path. */
function reference(tool: string, input: string, output: string): boolean {
  if (tool === "gdcmconv") return run("gdcmconv", ["-w"], input, output);
  if (tool === "dcmconv") return run("dcmconv", ["+te"], input, output);
  return run(tool, [], input, output);
}

/** Every frame's samples of a file, as our decoders return them. */
async function samples(path: string): Promise<number[][]> {
  const src = openPixels(readDicom(new Uint8Array(readFileSync(path))));
  const out: number[][] = [];
  for (let f = 0; f < src.format.numberOfFrames; f++) out.push(Array.from((await readFrame(src, f)).pixels as ArrayLike<number>));
  return out;
}

/** dciodvfy's error lines for a file. */
function iodErrors(path: string): number {
  // dciodvfy writes its findings to stderr and may exit non-zero; both streams are read either way.
  const r = spawnSync("dciodvfy", [path], { encoding: "utf8" });
  return `${r.stdout ?? ""}${r.stderr ?? ""}`.split("\n").filter((l) => l.startsWith("Error")).length;
}

const tools = ["dcmcjpeg", "dcmdjpeg", "dcmcrle", "dcmdrle", "dcmcjpls", "dcmdjpls", "dcmconv", "gdcmconv"];
const bases = [
  fixture("dicom/MR_small_implicitLE.dcm"),
  fixture("dicom/SC_rgb_small_odd_3x3.dcm"),
  ...(SHARED_DATA ? [join(SHARED_DATA, "dicom/pixel_phi/presidio__2_ORIGINAL_CT_localizer.dcm"), join(SHARED_DATA, "dicom/pixel_phi/dicomparser__IM00001_US_multiframe_implicit.dcm")] : []),
];
const deid = { profile: BASIC_PROFILE, secret: secretFromText("interop"), pseudonym: { prefix: "ANON" }, maxShiftDays: 365 };

test("when images transcoded by dcmtk and GDCM are read then every frame equals the toolkit's own decode, and a region redaction writes a file it reads back (needs dcmtk and GDCM)", async (t) => {
  const missing = tools.filter((x) => !hasTool(x));
  if (missing.length) return t.skip(`not installed: ${missing.join(", ")}`);
  const iod = hasTool("dciodvfy");
  const dir = mkdtempSync(join(tmpdir(), "dicom-deid-interop-"));
  try {
    let checked = 0;
    for (const base of bases) {
      for (const v of VARIANTS) {
        const what = `${base.split("/").pop()} as ${v.name}`;
        const encoded = join(dir, "encoded.dcm");
        const [tool, ...args] = v.encode;
        if (!run(tool, args, base, encoded)) continue; // the toolkit does not offer this for the image (e.g. 16-bit JPEG-LS interleave)
        const ref = join(dir, "reference.dcm");
        assert.ok(reference(v.decode, encoded, ref), `${what}: reference decode`);
        if (!v.lossy) assert.deepEqual(await samples(encoded), await samples(ref), `${what}: samples`);
        const { output, pixels } = await deidentifyDicom(new Uint8Array(readFileSync(encoded)), deid, { rects: [{ x: 0, y: 0, w: 2, h: 2 }] }, what);
        assert.equal(pixels.redacted, true, what);
        const out = join(dir, "output.dcm");
        writeFileSync(out, output);
        assert.ok(reference(v.decode, out, join(dir, "output-reference.dcm")), `${what}: the toolkit decodes the output`);
        if (iod) assert.ok(iodErrors(out) <= iodErrors(encoded), `${what}: dciodvfy errors grew`);
        checked++;
      }
    }
    assert.ok(checked >= 2 * VARIANTS.length - 4, `only ${checked} variants checked`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
