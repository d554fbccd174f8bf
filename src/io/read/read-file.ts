import { DicomError } from "../../core/errors.js";
import type { Diagnostic } from "../../core/diagnostics.js";
import { TRANSFER_SYNTAX_UID } from "../../core/tag.js";
import { isVR } from "../../core/vr.js";
import { Dataset } from "../../core/dataset.js";
import { inflateDataset } from "../deflate.js";
import { EXPLICIT_BIG, EXPLICIT_LITTLE, IMPLICIT_LITTLE, transferSyntax, type TransferSyntax } from "../transfer-syntax.js";
import { DatasetParser, type ParseOptions } from "./parse-dataset.js";

/** A parsed DICOM file (PS3.10) or bare dataset, with everything needed to write it back. */
export interface DicomFile {
  /** The bytes as given. */
  source: Uint8Array;
  /** The 128-byte preamble, when the source had one. */
  preamble?: Uint8Array;
  /** True when the source had the "DICM" prefix. */
  hasPrefix: boolean;
  /** File meta information (group 0002); empty when the source had none. */
  meta: Dataset;
  /** True when the source had file meta information. */
  hasMeta: boolean;
  /** The transfer syntax of the dataset (declared, or detected when there is no meta). */
  transferSyntax: TransferSyntax;
  /** The main dataset. */
  dataset: Dataset;
  /** Bytes the dataset was parsed from: the source, or the inflated stream of a deflated file. */
  datasetBytes: Uint8Array;
  /** Offset in `datasetBytes` where the dataset starts. */
  datasetOffset: number;
  /** The compressed bytes of a deflated dataset, reused verbatim when nothing changed. */
  deflatedBytes?: Uint8Array;
  /** Bytes after the dataset (zero padding, or what a lenient read skipped), kept verbatim. */
  trailing?: Uint8Array;
  /** Warnings (and, in lenient mode, errors) found while reading: never values. */
  warnings: Diagnostic[];
  /** True when a lenient read skipped part of the file. */
  partial: boolean;
}

/** Options of `readDicom`. */
export interface ReadOptions extends ParseOptions {
  /** Cap on the size of an inflated deflated dataset (default 1 GiB). */
  maxInflatedBytes?: number;
}

const DICM = [0x44, 0x49, 0x43, 0x4d];
const hasDicmAt = (b: Uint8Array, at: number): boolean => b.length >= at + 4 && DICM.every((c, i) => b[at + i] === c);

/**
 * The bytes as a plain Uint8Array view (no copy). A Node Buffer is a Uint8Array whose `slice()`
 * returns a view instead of a copy; every value read from the file is a subarray of these bytes,
 * and code that copies a value with `slice()` before changing it must never write into the input.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return Object.getPrototypeOf(bytes) === Uint8Array.prototype ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Reads a DICOM Part 10 file, or a bare dataset with no preamble/meta (implicit or explicit
 * VR, little or big endian, detected). Strict by default: bad input throws a DicomError
 * naming tag path and offset; with `lenient`, a partial read plus diagnostics.
 */
export function readDicom(input: Uint8Array, options: ReadOptions = {}): DicomFile {
  const bytes = plainBytes(input);
  const warnings: Diagnostic[] = [];
  let pos = 0;
  let preamble: Uint8Array | undefined;
  let hasPrefix = false;
  if (hasDicmAt(bytes, 128)) {
    preamble = bytes.subarray(0, 128);
    hasPrefix = true;
    pos = 132;
  } else if (hasDicmAt(bytes, 0)) {
    hasPrefix = true;
    pos = 4;
    warnings.push({ rule: "no-preamble", severity: "warning", reason: "DICM prefix without a 128-byte preamble", offset: 0 });
  }
  if (bytes.length - pos < 8) throw new DicomError("NOT_DICOM", "too short to hold a DICOM dataset", { file: options.file, offset: 0 });

  const metaParser = new DatasetParser(bytes, options);
  let meta = new Dataset({ explicitVR: true, littleEndian: true });
  let hasMeta = false;
  const firstGroup = bytes[pos] | (bytes[pos + 1] << 8);
  if (firstGroup === 0x0002) {
    // PS3.10 7.1: file meta information is always explicit VR little endian.
    const r = metaParser.parse(pos, { end: bytes.length, onlyGroup: 0x0002 }, { explicitVR: true, littleEndian: true });
    meta = r.dataset;
    hasMeta = true;
    pos = r.end;
    warnings.push(...metaParser.warnings);
  } else if (hasPrefix) {
    throw new DicomError("BAD_META", "DICM prefix is not followed by file meta information", { file: options.file, offset: pos });
  }

  let ts: TransferSyntax;
  const tsEl = meta.get(TRANSFER_SYNTAX_UID);
  if (tsEl?.value) {
    const uid = new TextDecoder("latin1").decode(tsEl.value).replace(/[\0 ]+$/, "");
    ts = transferSyntax(uid, options.file);
  } else {
    if (hasMeta && !options.lenient) {
      throw new DicomError("BAD_META", "file meta information has no transfer syntax UID", { file: options.file, tagPath: "(0002,0010)", offset: pos });
    }
    ts = detectEncoding(bytes, pos);
    if (hasMeta) warnings.push({ rule: "meta-no-transfer-syntax", severity: "warning", reason: `no transfer syntax in the meta; detected ${ts.name}`, tagPath: "(0002,0010)" });
  }

  let datasetBytes = bytes;
  let datasetOffset = pos;
  let deflatedBytes: Uint8Array | undefined;
  if (ts.deflated) {
    deflatedBytes = bytes.subarray(pos);
    datasetBytes = inflateDataset(deflatedBytes, { maxBytes: options.maxInflatedBytes, lenient: options.lenient, file: options.file, offset: pos });
    datasetOffset = 0;
  } else if (ts.explicitVR && options.lenient && !looksExplicit(bytes, pos) && bytes.length - pos >= 8) {
    warnings.push({ rule: "implicit-despite-meta", severity: "warning", reason: `dataset is implicit VR although the meta declares ${ts.name}`, offset: pos });
    ts = IMPLICIT_LITTLE;
  }

  const parser = new DatasetParser(datasetBytes, options);
  const r = parser.parse(datasetOffset, { end: datasetBytes.length }, { explicitVR: ts.explicitVR, littleEndian: ts.littleEndian });
  warnings.push(...parser.warnings);
  let trailing: Uint8Array | undefined;
  if (r.end < datasetBytes.length) {
    trailing = datasetBytes.subarray(r.end);
    if (!parser.partial) warnings.push({ rule: "trailing-bytes", severity: "warning", reason: `${trailing.length} bytes of padding after the dataset`, offset: r.end });
  }
  return {
    source: bytes, preamble, hasPrefix, meta, hasMeta, transferSyntax: ts, dataset: r.dataset,
    datasetBytes, datasetOffset, deflatedBytes, trailing, warnings, partial: parser.partial || metaParser.partial,
  };
}

/** True when the element at `pos` carries two VR characters (explicit VR). */
function looksExplicit(b: Uint8Array, pos: number): boolean {
  return pos + 6 <= b.length && isVR(String.fromCharCode(b[pos + 4], b[pos + 5]));
}

/** Detects the encoding of a dataset with no meta from its first element header. */
export function detectEncoding(b: Uint8Array, pos: number): TransferSyntax {
  const gLE = b[pos] | (b[pos + 1] << 8);
  const gBE = (b[pos] << 8) | b[pos + 1];
  const explicit = looksExplicit(b, pos);
  // Datasets start with a low group number (0008 or so): the smaller reading is the byte order.
  const little = gLE <= gBE;
  if (Math.min(gLE, gBE) > 0x0030 || Math.min(gLE, gBE) % 2 === 1) {
    throw new DicomError("NOT_DICOM", "no preamble, no file meta and no plausible first element", { offset: pos });
  }
  if (!explicit) {
    if (!little) throw new DicomError("NOT_DICOM", "no implicit VR big endian transfer syntax exists", { offset: pos });
    return IMPLICIT_LITTLE;
  }
  return little ? EXPLICIT_LITTLE : EXPLICIT_BIG;
}
