// JPEG bitstream redaction: block-selective redaction of sequential DCT JPEG (DICOM
// 1.2.840.10008.1.2.4.50/.51) and a lossless encoder (process 14, DICOM .57/.70).
export {
  redactJpegBlocks,
  redactJpegBlocksDetailed,
  type JpegBlockRedactOptions,
  type JpegBlockRedaction,
} from "./block-redact.js";
export {
  blockAlignedRect,
  jpegBlockGeometry,
  type JpegBlockGeometry,
  type JpegColorModel,
  type JpegComponentGeometry,
  type JpegRect,
} from "./block-geometry.js";
export { encodeJpegLossless, type JpegLosslessOptions } from "./lossless-encoder.js";
