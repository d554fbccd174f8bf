/** dicom-deid public API: read, edit and write DICOM byte-faithfully; de-identify. */
export * from "./core/errors.js";
export * from "./core/tag.js";
export * from "./core/tag-path.js";
export * from "./core/vr.js";
export { Dataset, type Encoding } from "./core/dataset.js";
export type { Element, Item, Fragment } from "./core/element.js";
export type { Diagnostic } from "./core/diagnostics.js";
export { lookupTag, lookupKeyword, dictionaryVR } from "./dictionary/index.js";
export { readDicom, type DicomFile, type ReadOptions } from "./io/read/read-file.js";
export { writeDicom, type WriteOptions } from "./io/write/write-file.js";
export { TRANSFER_SYNTAXES, findTransferSyntax, type TransferSyntax } from "./io/transfer-syntax.js";
export { getText, getStrings, getNumber, getNumbers, charsetsOf } from "./dataset/values.js";
export { resolve, setValue, removeValue, setAt, removeAt } from "./dataset/edit.js";
export { parsePath } from "./dataset/path.js";
export { dumpDataset } from "./dataset/dump.js";
export { toDicomJson } from "./dataset/json.js";
