// `node --import tsx scripts/make-synthetic.ts [count] [out]`: a burned-in text test set unlike
// overlay-phi, to see how detection generalises. Text-free images of ../shared/data/dicom/codecs
// (grey and RGB, 256 px and up) get a block of PHI lines in a corner: names, IDs, dates in
// several formats, ages, institutions; several fonts, sizes, colours, with or without a dark
// box behind. The header carries the same identity (so header matching applies, as on a real
// modality); ground truth in the overlay-phi JSON format beside each file (value boxes measured
// from the rendered glyphs, keys such as "DOB:" boxed as labels). Deterministic for a count.
// Then: `deidentify <out> <dir> --secret ...` and `eval <out> <dir> --no-residual`.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { readDicom } from "../src/io/read/read-file.js";
import { writeDicom } from "../src/io/write/write-file.js";
import { transferSyntax } from "../src/io/transfer-syntax.js";
import { openPixels, readFrame } from "../src/pixels/image.js";
import { renderFrame } from "../src/pixels/render/index.js";
import { setValue } from "../src/dataset/edit.js";
import { tag } from "../src/core/tag.js";
import { SHARED } from "./bench-lib.js";
import { mulberry32 } from "./seeded.js";

const count = Number(process.argv[2] ?? 40);
const out = process.argv[3] ?? "/tmp/synthetic-phi";
if (!Number.isInteger(count) || count < 1) {
  console.error("usage: make-synthetic.ts [count >= 1] [out]");
  process.exit(2);
}
if (!SHARED) {
  console.error("../shared/data not found");
  process.exit(2);
}

/** A deterministic generator per image, so a count always gives the same set. */
const rng = mulberry32;

const FIRST = ["JOHN", "MARIA", "DAVID", "LINDA", "AHMED", "SOFIA", "KENJI", "GRACE", "OLUWASEUN", "PIERRE", "HANNAH", "RAJESH"];
const LAST = ["SMITH", "GARCIA", "NGUYEN", "KOWALSKI", "OKAFOR", "MUELLER", "TANAKA", "O'BRIEN", "FITZGERALD", "HAMDAN", "LINDQVIST", "PATEL"];
const PLACES = ["Mercy General Hospital", "St. Luke's Medical Center", "Riverside Imaging Clinic", "University Hospital Leuven", "Lakeview Radiology"];
const FONTS = ["DejaVu Sans", "DejaVu Sans Mono", "Nimbus Sans", "DejaVu Serif", "Noto Sans Mono", "Nimbus Mono PS"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

interface Identity { first: string; last: string; id: string; birth: Date; study: Date; place: string }

/** One way of writing a date, chosen per image. */
function dateText(d: Date, style: number): string {
  const y = d.getUTCFullYear(), m = d.getUTCMonth() + 1, day = d.getUTCDate();
  return [`${pad(m)}/${pad(day)}/${y}`, `${y}-${pad(m)}-${pad(day)}`, `${pad(day)}.${pad(m)}.${y}`, `${y} ${MONTHS[m - 1]} ${pad(day)}`, `${pad(day)}-${MONTHS[m - 1].toUpperCase()}-${y}`][style % 5];
}

/** The PHI lines of an image: [key or "", value, label]. */
function lines(p: Identity, r: () => number): [string, string, string][] {
  const ds = Math.floor(r() * 5);
  const age = p.study.getUTCFullYear() - p.birth.getUTCFullYear();
  const nameStyle = Math.floor(r() * 3);
  const name = [`${p.last}, ${p.first}`, `${p.last}^${p.first}`, `${p.first} ${p.last}`][nameStyle];
  const all: [string, string, string][] = [
    [r() < 0.7 ? "Name: " : "", name, "Name"],
    [["ID: ", "MRN: ", "Patient ID: "][Math.floor(r() * 3)], p.id, "Patient ID"],
    [r() < 0.5 ? "DOB: " : "Birth: ", dateText(p.birth, ds), "DOB"],
    [r() < 0.5 ? "Study: " : "", dateText(p.study, ds), "Study Date"],
    ["Age: ", `${age}${r() < 0.5 ? "Y" : ""}`, "Age"],
    ["", p.place, "Institution Name"],
  ];
  const keep = all.filter(() => r() < 0.8);
  return keep.length ? keep : all.slice(0, 2);
}

/** Bounding box [x1, y1, x2, y2) of the pixels an SVG draws (alpha > 0), or undefined. */
async function inkBox(svg: string, width: number, height: number): Promise<number[] | undefined> {
  const { data } = await sharp(Buffer.from(svg)).resize(width, height).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  let x1 = width, y1 = height, x2 = -1, y2 = -1;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (data[(y * width + x) * 4 + 3] > 0) {
    if (x < x1) x1 = x; if (x > x2) x2 = x; if (y < y1) y1 = y; if (y > y2) y2 = y;
  }
  return x2 < 0 ? undefined : [x1, y1, x2 + 1, y2 + 1];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/'/g, "&apos;");
const source = join(SHARED, "dicom/codecs");
const bases: string[] = [];
for (const f of readdirSync(source).sort()) {
  try {
    const fmt = openPixels(readDicom(new Uint8Array(readFileSync(join(source, f))))).format;
    if (fmt.columns >= 256 && fmt.rows >= 256 && fmt.columns <= 1024 && fmt.rows <= 1024 && fmt.bitsStored > 1 && ["MONOCHROME1", "MONOCHROME2", "RGB"].includes(fmt.photometric)) bases.push(f);
  } catch { /* not a usable base */ }
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let written = 0;
for (let i = 0; i < count; i++) {
  const r = rng(1000 + i);
  const baseName = bases[i % bases.length];
  const file = readDicom(new Uint8Array(readFileSync(join(source, baseName))));
  const rendered = renderFrame(file, await readFrame(openPixels(file), 0));
  const { width, height } = rendered;
  const channels = rendered.channels ?? 1;
  const p: Identity = {
    first: FIRST[Math.floor(r() * FIRST.length)], last: LAST[Math.floor(r() * LAST.length)],
    id: String(Math.floor(1e6 + r() * 9e8)), birth: new Date(Date.UTC(1930 + Math.floor(r() * 70), Math.floor(r() * 12), 1 + Math.floor(r() * 28))),
    study: new Date(Date.UTC(2005 + Math.floor(r() * 19), Math.floor(r() * 12), 1 + Math.floor(r() * 28))), place: PLACES[Math.floor(r() * PLACES.length)],
  };
  const rows = lines(p, r);
  const font = FONTS[Math.floor(r() * FONTS.length)];
  const size = Math.max(9, Math.round(Math.min(width, height) * (0.02 + r() * 0.025)));
  const colours = channels === 3 ? ["#ffffff", "#ffff00", "#00ff00", "#00ffff"] : ["#ffffff", "#e0e0e0", "#ffffff"];
  const colour = colours[Math.floor(r() * colours.length)];
  const boxed = r() < 0.3;
  const corner = Math.floor(r() * 4);
  const lineH = Math.round(size * 1.3);
  const margin = 4 + Math.floor(r() * 12);
  const top = corner < 2 ? margin + size : height - margin - lineH * (rows.length - 1) - Math.round(size * 0.3);
  const right = corner % 2 === 1;
  const anchor = right ? "end" : "start";
  const x = right ? width - margin : margin;
  const text = (content: string, k: number, fill: string) => `<text x="${x}" y="${top + k * lineH}" font-family="${font}" font-size="${size}" fill="${fill}" text-anchor="${anchor}" xml:space="preserve">${content}</text>`;
  const svgOf = (body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${body}</svg>`;
  // Whole lines, and each value alone in its place (the key drawn invisible before it, for the same layout).
  const full = rows.map(([key, value], k) => text(esc(key + value), k, colour)).join("");
  const annotation: unknown[] = [];
  for (let k = 0; k < rows.length; k++) {
    const [key, value, label] = rows[k];
    const valueOnly = `<text x="${x}" y="${top + k * lineH}" font-family="${font}" font-size="${size}" text-anchor="${anchor}" xml:space="preserve"><tspan fill-opacity="0">${esc(key)}</tspan><tspan fill="#fff">${esc(value)}</tspan></text>`;
    const vb = await inkBox(svgOf(valueOnly), width, height);
    if (!vb) continue;
    const kb = key ? await inkBox(svgOf(`<text x="${x}" y="${top + k * lineH}" font-family="${font}" font-size="${size}" text-anchor="${anchor}" xml:space="preserve"><tspan fill="#fff">${esc(key)}</tspan><tspan fill-opacity="0">${esc(value)}</tspan></text>`), width, height) : undefined;
    annotation.push({ ...(kb ? { key: { text: label, bbox: kb } } : {}), value: { text: value, bbox: vb } });
  }
  let backdrop = "";
  if (boxed) {
    const all = await inkBox(svgOf(rows.map(([key, value], k) => text(esc(key + value), k, "#fff")).join("")), width, height);
    if (all) backdrop = `<rect x="${all[0] - 3}" y="${all[1] - 3}" width="${all[2] - all[0] + 6}" height="${all[3] - all[1] + 6}" fill="#000"/>`;
  }
  const composed = await sharp(Buffer.from(rendered.data), { raw: { width, height, channels: channels as 1 | 3 } })
    .composite([{ input: Buffer.from(svgOf(backdrop + full)) }]).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const got = composed.info.channels;
  const pixels = new Uint8Array(width * height * channels);
  for (let q = 0; q < width * height; q++) for (let c = 0; c < channels; c++) pixels[q * channels + c] = composed.data[q * got + (channels === 1 ? 0 : c)];
  const ds = file.dataset;
  for (const t of [0x00280008, 0x00281050, 0x00281051, 0x00281052, 0x00281053, 0x00281054, 0x00283000, 0x00283010, 0x00281040, 0x00282110, 0x00282112, 0x00282114, 0x00880200, 0x7fe00001, 0x7fe00002, 0x00280006]) if (ds.has(t)) ds.delete(t);
  setValue(ds, "Rows", [height]);
  setValue(ds, "Columns", [width]);
  setValue(ds, "SamplesPerPixel", [channels]);
  setValue(ds, "PhotometricInterpretation", [channels === 3 ? "RGB" : "MONOCHROME2"]);
  if (channels === 3) setValue(ds, "PlanarConfiguration", [0]);
  setValue(ds, "BitsAllocated", [8]);
  setValue(ds, "BitsStored", [8]);
  setValue(ds, "HighBit", [7]);
  setValue(ds, "PixelRepresentation", [0]);
  setValue(ds, "PatientName", [`${p.last}^${p.first}`]);
  setValue(ds, "PatientID", [p.id]);
  setValue(ds, "PatientBirthDate", [`${p.birth.getUTCFullYear()}${pad(p.birth.getUTCMonth() + 1)}${pad(p.birth.getUTCDate())}`]);
  setValue(ds, "StudyDate", [`${p.study.getUTCFullYear()}${pad(p.study.getUTCMonth() + 1)}${pad(p.study.getUTCDate())}`]);
  setValue(ds, "InstitutionName", [p.place]);
  ds.put({ tag: tag(0x7fe0, 0x0010), vr: "OB", length: pixels.length, offset: -1, value: pixels });
  const name = `synthetic-${pad(i, 3)}.dcm`;
  writeFileSync(join(out, name), writeDicom(file, { transferSyntax: transferSyntax("1.2.840.10008.1.2.1") }));
  writeFileSync(join(out, name.replace(/\.dcm$/, ".json")), JSON.stringify({ filename: name, base: baseName, font, size, colour, boxed, corner, annotation }));
  written++;
}
console.log(`${written} synthetic images with ground truth in ${out} (bases: ${bases.length} text-free images of dicom/codecs)`);
