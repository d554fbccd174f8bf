import { DicomError } from "../../core/errors.js";
import { VERSION } from "../../core/version.js";
import { tag } from "../../core/tag.js";
import { Dataset } from "../../core/dataset.js";
import type { Element } from "../../core/element.js";
import { deflateDataset } from "../deflate.js";
import type { DicomFile } from "../read/read-file.js";
import type { TransferSyntax } from "../transfer-syntax.js";
import { ByteSink } from "./byte-sink.js";
import { writeDataset } from "./write-dataset.js";

/** dicom-deid's implementation class UID (PS3.7 D.3.3.2), a UUID-derived 2.25 UID. */
export const IMPLEMENTATION_CLASS_UID = "2.25.248213580378267286219995575558865124306";
/** dicom-deid's implementation version name: "DICOM_DEID_" and the version's digits (PS3.7 D.3.3.2: SH, at most 16 characters). */
export const IMPLEMENTATION_VERSION_NAME = `DICOM_DEID_${VERSION.replace(/[^0-9]/g, "")}`.slice(0, 16);

/** Options of `writeDicom`. */
export interface WriteOptions {
  /** Rebuild the meta with dicom-deid's implementation class UID and version name. */
  stampImplementation?: boolean;
  /** Write the dataset in this transfer syntax (its byte order and VR form) instead of the source's. */
  transferSyntax?: TransferSyntax;
  /** Replace the source's preamble with zeros (it may hold application data). */
  zeroPreamble?: boolean;
}

const META = { explicitVR: true, littleEndian: true };
const T = {
  groupLength: tag(0x0002, 0x0000), version: tag(0x0002, 0x0001), sopClass: tag(0x0002, 0x0002),
  sopInstance: tag(0x0002, 0x0003), ts: tag(0x0002, 0x0010), implUid: tag(0x0002, 0x0012), implName: tag(0x0002, 0x0013),
  dsSopClass: tag(0x0008, 0x0016), dsSopInstance: tag(0x0008, 0x0018),
};

/** True when nothing in the dataset (at any depth) was edited. */
export function isPristine(ds: Dataset): boolean {
  return !ds.modified && ds.elements.every((e) => e.raw !== undefined);
}

/**
 * Writes a DICOM Part 10 file: 128-byte preamble, "DICM", file meta, dataset. Untouched
 * elements are copied verbatim; the meta is rebuilt only when it must be (no meta in the
 * source, a changed transfer syntax, an edit of the meta, or `stampImplementation`).
 */
export function writeDicom(file: DicomFile, options: WriteOptions = {}): Uint8Array {
  const ts = options.transferSyntax ?? file.transferSyntax;
  const tsChanged = ts.uid !== file.transferSyntax.uid;
  const out = new ByteSink();
  out.push(file.preamble && !options.zeroPreamble ? file.preamble : new Uint8Array(128));
  out.push(new Uint8Array([0x44, 0x49, 0x43, 0x4d]));
  const rebuild = !file.hasMeta || tsChanged || options.stampImplementation || !isPristine(file.meta);
  const meta = rebuild ? rebuildMeta(file, ts, options.stampImplementation || !file.hasMeta) : file.meta;
  out.append(writeDataset(meta, META));

  const enc = { explicitVR: ts.explicitVR, littleEndian: ts.littleEndian };
  if (ts.deflated && !tsChanged && file.deflatedBytes && isPristine(file.dataset)) {
    out.push(file.deflatedBytes);
  } else {
    const body = writeDataset(file.dataset, enc);
    if (file.trailing && !tsChanged) body.push(file.trailing);
    if (ts.deflated) out.push(deflateDataset(body.concat()));
    else out.append(body); // chunks are views: one copy in the final concat
  }
  return out.concat();
}

/** PS3.10 7.1: builds file meta information from the source meta and the dataset. */
function rebuildMeta(file: DicomFile, ts: TransferSyntax, stamp: boolean): Dataset {
  const meta = new Dataset(META);
  for (const el of file.meta.elements) if (el.tag !== T.groupLength) meta.elements.push(el);
  const text = (t: number): string | undefined => {
    const el = file.dataset.get(t);
    return el?.value ? new TextDecoder("latin1").decode(el.value).replace(/[\0 ]+$/, "") : undefined;
  };
  const setUid = (t: number, v: string | undefined) => {
    if (v === undefined) return;
    meta.put(stringElement(t, "UI", v));
  };
  if (!meta.has(T.version)) meta.put({ tag: T.version, vr: "OB", length: 2, offset: -1, value: new Uint8Array([0, 1]) });
  if (!meta.has(T.sopClass)) setUid(T.sopClass, text(T.dsSopClass));
  if (!meta.has(T.sopInstance)) setUid(T.sopInstance, text(T.dsSopInstance));
  setUid(T.ts, ts.uid);
  if (stamp || !meta.has(T.implUid)) {
    setUid(T.implUid, IMPLEMENTATION_CLASS_UID);
    meta.put(stringElement(T.implName, "SH", IMPLEMENTATION_VERSION_NAME));
  }
  const body = writeDataset(meta, META);
  const gl = new Uint8Array(4);
  new DataView(gl.buffer).setUint32(0, body.length, true);
  meta.elements.unshift({ tag: T.groupLength, vr: "UL", length: 4, offset: -1, value: gl });
  return meta;
}

/** A new element holding an ASCII string value padded to even length per its VR. */
export function stringElement(t: number, vr: string, v: string): Element {
  if (!/^[\x20-\x7e]*$/.test(v)) throw new DicomError("BAD_VALUE", `non-ASCII value for a ${vr} meta element`);
  const bytes = new TextEncoder().encode(v.length % 2 ? v + (vr === "UI" ? "\0" : " ") : v);
  return { tag: t, vr, length: bytes.length, offset: -1, value: bytes };
}
