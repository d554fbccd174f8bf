/**
 * Ground truth of burned-in PHI for the evaluation, from two published formats:
 *
 * - overlay-phi (JohnSnowLabs dicom-deid-dataset): one JSON per image beside the DICOM, named like
 *   it, `{"filename", "annotation": [{"key": {"text", "bbox"}, "value": {"text", "bbox"}}]}` with
 *   bbox = [x1, y1, x2, y2] (x2, y2 exclusive). `value` is PHI, `key` its non-PHI label.
 * - Presidio (microsoft/presidio sample ground truth): boxes `{label, left, top, width, height}`
 *   where `label` is the PHI text itself; as a list, as a map from file path to list, or as the
 *   shared corpus file that keeps them under `boxes_in_image_pixels` beside `dicom_file`.
 *
 * Everything is normalised to `GroundTruth`. The PHI text of a value is kept only as the tokens the
 * residual OCR check needs, in a non-enumerable property: JSON.stringify and object spread leave it
 * out, so it cannot reach a report by accident. Errors name the format and index, never a value.
 */
import { DicomError } from "../core/errors.js";
import type { PixelBox } from "../pixels/render/rendered.js";

/** A value (PHI) to hide: its box, a non-PHI label when the format has one (e.g. "DOB"), and its tokens. */
export interface TruthValue {
  box: PixelBox;
  /** The non-PHI key text beside the value (overlay-phi only). */
  label?: string;
  /** Folded tokens of the value text (>= 3 characters; see `valueTokens`). Non-enumerable: never serialised. */
  readonly tokens: readonly string[];
}

/** A non-PHI label box burned in beside a value. */
export interface TruthKey {
  box: PixelBox;
}

/** The ground truth of one image. */
export interface GroundTruth {
  values: TruthValue[];
  keys: TruthKey[];
  /**
   * Other areas of burned-in text that belong to the text block: for a value on another line
   * than its key (wrapped over lines; overlay-phi then boxes only one of its lines), the bounding
   * box of key and value, which holds the value's other lines.
   */
  spans?: TruthKey[];
}

/** Ground truth for several images, looked up by relative path or file name. */
export interface GroundTruthIndex {
  /** Ground truth per path as written in the file (e.g. "sample_data/2_ORIGINAL.dcm"). */
  byPath: Map<string, GroundTruth>;
  /** Ground truth that applies to every image (a bare Presidio list), if any. */
  any?: GroundTruth;
}

/** Shortest token (after folding) that the residual check matches; shorter ones match too much by chance. */
export const MIN_TOKEN_LENGTH = 3;

/**
 * Folds text for tolerant matching: upper case; the letters OCR most often reads for digits turned
 * into them (O -> 0, I and l -> 1, S -> 5); everything but letters and digits dropped.
 */
export function foldForMatch(text: string): string {
  return text
    .normalize("NFKD")
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]/gu, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1")
    .replace(/S/g, "5");
}

/** Function words that identify nobody ("Kim, Jones and Frazier"): never looked for on their own. */
const STOP_WORDS = new Set(["and", "the", "of", "for", "at", "on", "in", "de", "la", "del", "von", "van"].map(foldForMatch));

/** The folded tokens of a value text: split on white space, folded, at least MIN_TOKEN_LENGTH long, no function words. */
export function valueTokens(text: string): string[] {
  const out = new Set<string>();
  for (const part of text.split(/\s+/)) {
    const t = foldForMatch(part);
    if (t.length >= MIN_TOKEN_LENGTH && !STOP_WORDS.has(t)) out.add(t);
  }
  return [...out];
}

/** A value with its tokens attached as a non-enumerable property. */
export function truthValue(box: PixelBox, text: string | undefined, label?: string): TruthValue {
  const v = (label === undefined ? { box } : { box, label }) as TruthValue;
  Object.defineProperty(v, "tokens", { value: Object.freeze(text ? valueTokens(text) : []), enumerable: false });
  return v;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function bad(format: string, where: string, why: string): never {
  throw new DicomError("CONFIG", `ground truth (${format}) ${where}: ${why}`);
}

/** A [x1, y1, x2, y2] box; undefined for an empty box (x2 <= x1 or y2 <= y1: nothing to hide). */
function cornersBox(v: unknown, where: string): PixelBox | undefined {
  if (!Array.isArray(v) || v.length !== 4 || !v.every((n) => typeof n === "number" && Number.isFinite(n))) {
    bad("overlay-phi", where, "bbox must be [x1, y1, x2, y2]");
  }
  const [x1, y1, x2, y2] = v as number[];
  if (x2 <= x1 || y2 <= y1) return undefined;
  return { x: Math.floor(x1), y: Math.floor(y1), w: Math.ceil(x2) - Math.floor(x1), h: Math.ceil(y2) - Math.floor(y1) };
}

/** Parses one overlay-phi document. */
export function parseOverlayPhi(doc: unknown): GroundTruth {
  if (!isObject(doc) || !Array.isArray(doc.annotation)) bad("overlay-phi", "document", '"annotation" must be a list');
  const truth: GroundTruth = { values: [], keys: [] };
  (doc.annotation as unknown[]).forEach((a, i) => {
    if (!isObject(a)) bad("overlay-phi", `annotation ${i}`, "must be an object");
    const key = isObject(a.key) ? a.key : undefined;
    const value = isObject(a.value) ? a.value : undefined;
    const label = typeof key?.text === "string" && key.text.trim() !== "" ? key.text.trim() : undefined;
    // Some published keys carry text but no bbox: they add nothing to the text block.
    const keyBox = key && key.bbox !== undefined ? cornersBox(key.bbox, `annotation ${i} key`) : undefined;
    if (keyBox) truth.keys.push({ box: keyBox });
    const valueBox = value ? cornersBox(value.bbox, `annotation ${i} value`) : undefined;
    if (value && valueBox) truth.values.push(truthValue(valueBox, typeof value.text === "string" ? value.text : undefined, label));
    if (keyBox && valueBox && (valueBox.y >= keyBox.y + keyBox.h || keyBox.y >= valueBox.y + valueBox.h)) {
      const x = Math.min(keyBox.x, valueBox.x);
      const y = Math.min(keyBox.y, valueBox.y);
      const w = Math.max(keyBox.x + keyBox.w, valueBox.x + valueBox.w) - x;
      const h = Math.max(keyBox.y + keyBox.h, valueBox.y + valueBox.h) - y;
      (truth.spans ??= []).push({ box: { x, y, w, h } });
    }
  });
  return truth;
}

/** Parses a Presidio box list ({label, left, top, width, height}); `label` is the PHI text. */
export function parsePresidioList(list: unknown): GroundTruth {
  if (!Array.isArray(list)) bad("presidio", "document", "must be a list of boxes");
  const truth: GroundTruth = { values: [], keys: [] };
  list.forEach((b: unknown, i) => {
    if (!isObject(b)) bad("presidio", `box ${i}`, "must be an object");
    const nums = [b.left, b.top, b.width, b.height];
    if (!nums.every((n) => typeof n === "number" && Number.isFinite(n))) bad("presidio", `box ${i}`, "left, top, width and height must be numbers");
    const [left, top, width, height] = nums as number[];
    if (width <= 0 || height <= 0) return;
    const box = { x: Math.floor(left), y: Math.floor(top), w: Math.ceil(left + width) - Math.floor(left), h: Math.ceil(top + height) - Math.floor(top) };
    truth.values.push(truthValue(box, typeof b.label === "string" ? b.label : undefined));
  });
  return truth;
}

/**
 * Parses any supported ground-truth document into an index: an overlay-phi document (keyed by
 * its "filename"), the shared Presidio file (keyed by "dicom_file"), a map from path to Presidio
 * list, or a bare Presidio list (applies to every image).
 */
export function parseGroundTruth(doc: unknown): GroundTruthIndex {
  const index: GroundTruthIndex = { byPath: new Map() };
  if (Array.isArray(doc)) {
    index.any = parsePresidioList(doc);
    return index;
  }
  if (!isObject(doc)) bad("unknown", "document", "must be a JSON object or list");
  if (Array.isArray(doc.annotation)) {
    const truth = parseOverlayPhi(doc);
    if (typeof doc.filename === "string" && doc.filename !== "") index.byPath.set(doc.filename, truth);
    else index.any = truth;
    return index;
  }
  if (Array.isArray(doc.boxes_in_image_pixels)) {
    const truth = parsePresidioList(doc.boxes_in_image_pixels);
    if (typeof doc.dicom_file === "string" && doc.dicom_file !== "") index.byPath.set(doc.dicom_file, truth);
    else index.any = truth;
    return index;
  }
  for (const [path, list] of Object.entries(doc)) {
    if (!Array.isArray(list)) bad("presidio", "map", "every entry must be a list of boxes");
    index.byPath.set(path, parsePresidioList(list));
  }
  if (index.byPath.size === 0) bad("unknown", "document", "holds no boxes");
  return index;
}

const baseName = (p: string): string => p.slice(Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\")) + 1);

/**
 * The ground truth of an image from an index: by its relative path, then by a path in the
 * index ending with it, then by file name; the index's catch-all last.
 */
export function lookupGroundTruth(index: GroundTruthIndex, relPath: string): GroundTruth | undefined {
  const exact = index.byPath.get(relPath);
  if (exact) return exact;
  const name = baseName(relPath);
  let byName: GroundTruth | undefined;
  for (const [path, truth] of index.byPath) {
    if (path.endsWith("/" + relPath)) return truth;
    if (byName === undefined && baseName(path) === name) byName = truth;
  }
  return byName ?? index.any;
}

/** The JSON file beside a DICOM file: same path with the extension replaced by ".json" (or added). */
export function besidePath(dicomPath: string): string {
  const name = baseName(dicomPath);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? dicomPath.slice(0, dicomPath.length - name.length + dot) + ".json" : dicomPath + ".json";
}

/** Parses ground-truth JSON text; a syntax error becomes a CONFIG error (no text quoted). */
export function parseGroundTruthText(text: string): GroundTruthIndex {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new DicomError("CONFIG", "ground truth is not valid JSON");
  }
  return parseGroundTruth(doc);
}
