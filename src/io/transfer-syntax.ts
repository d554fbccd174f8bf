import { DicomError } from "../core/errors.js";

/** How a transfer syntax encodes the dataset and the pixel data (PS3.5 10, Annex A). */
export interface TransferSyntax {
  uid: string;
  name: string;
  explicitVR: boolean;
  littleEndian: boolean;
  /** PS3.5 A.5: the dataset after the meta is deflated (RFC 1951, no zlib header). */
  deflated: boolean;
  /** PS3.5 A.4: pixel data is encapsulated in fragments. */
  encapsulated: boolean;
  /** True when the pixel compression may lose information. */
  lossy: boolean;
}

const E = (uid: string, name: string, lossy = false, extra: Partial<TransferSyntax> = {}): TransferSyntax => ({
  uid, name, explicitVR: true, littleEndian: true, deflated: false, encapsulated: true, lossy, ...extra,
});

/** Every transfer syntax of PS3.6 Table A-1 that dicom-deid reads. */
export const TRANSFER_SYNTAXES: readonly TransferSyntax[] = [
  { uid: "1.2.840.10008.1.2", name: "Implicit VR Little Endian", explicitVR: false, littleEndian: true, deflated: false, encapsulated: false, lossy: false },
  { uid: "1.2.840.10008.1.2.1", name: "Explicit VR Little Endian", explicitVR: true, littleEndian: true, deflated: false, encapsulated: false, lossy: false },
  { uid: "1.2.840.10008.1.2.1.98", name: "Encapsulated Uncompressed Explicit VR Little Endian", explicitVR: true, littleEndian: true, deflated: false, encapsulated: true, lossy: false },
  { uid: "1.2.840.10008.1.2.1.99", name: "Deflated Explicit VR Little Endian", explicitVR: true, littleEndian: true, deflated: true, encapsulated: false, lossy: false },
  { uid: "1.2.840.10008.1.2.2", name: "Explicit VR Big Endian (retired)", explicitVR: true, littleEndian: false, deflated: false, encapsulated: false, lossy: false },
  E("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true),
  E("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true),
  E("1.2.840.10008.1.2.4.52", "JPEG Extended (Process 3 & 5) (retired)", true),
  E("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (retired)", true),
  E("1.2.840.10008.1.2.4.54", "JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9) (retired)", true),
  E("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (retired)", true),
  E("1.2.840.10008.1.2.4.56", "JPEG Full Progression, Non-Hierarchical (Process 11 & 13) (retired)", true),
  E("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)"),
  E("1.2.840.10008.1.2.4.58", "JPEG Lossless, Non-Hierarchical (Process 15) (retired)"),
  E("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])"),
  E("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
  E("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless)", true),
  E("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)"),
  E("1.2.840.10008.1.2.4.91", "JPEG 2000", true),
  E("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component (Lossless Only)"),
  E("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component", true),
  E("1.2.840.10008.1.2.4.94", "JPIP Referenced", false, { encapsulated: false }),
  E("1.2.840.10008.1.2.4.95", "JPIP Referenced Deflate", false, { encapsulated: false, deflated: true }),
  E("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", true),
  E("1.2.840.10008.1.2.4.101", "MPEG2 Main Profile / High Level", true),
  E("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", true),
  E("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", true),
  E("1.2.840.10008.1.2.4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video", true),
  E("1.2.840.10008.1.2.4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video", true),
  E("1.2.840.10008.1.2.4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2", true),
  E("1.2.840.10008.1.2.4.107", "HEVC/H.265 Main Profile / Level 5.1", true),
  E("1.2.840.10008.1.2.4.108", "HEVC/H.265 Main 10 Profile / Level 5.1", true),
  E("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
  E("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"),
  E("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", true),
  E("1.2.840.10008.1.2.5", "RLE Lossless"),
  E("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression"),
];

const BY_UID = new Map(TRANSFER_SYNTAXES.map((t) => [t.uid, t]));

/** The implicit VR little endian default (PS3.5 10.1). */
export const IMPLICIT_LITTLE = BY_UID.get("1.2.840.10008.1.2")!;
/** Explicit VR little endian (PS3.5 A.2). */
export const EXPLICIT_LITTLE = BY_UID.get("1.2.840.10008.1.2.1")!;
/** Explicit VR big endian (PS3.5 A.3, retired). */
export const EXPLICIT_BIG = BY_UID.get("1.2.840.10008.1.2.2")!;

/** Looks up a transfer syntax; undefined when it is not one dicom-deid knows. */
export function findTransferSyntax(uid: string): TransferSyntax | undefined {
  return BY_UID.get(uid.replace(/[\0 ]+$/, ""));
}

/** Looks up a transfer syntax or fails closed with UNKNOWN_TRANSFER_SYNTAX naming it. */
export function transferSyntax(uid: string, file?: string): TransferSyntax {
  const ts = findTransferSyntax(uid);
  if (!ts) {
    const shown = /^[0-9.]{1,64}$/.test(uid) ? uid : "(not a UID)";
    throw new DicomError("UNKNOWN_TRANSFER_SYNTAX", `transfer syntax ${shown} is not supported`, { file, tagPath: "(0002,0010)" });
  }
  return ts;
}
