// Marking pixel data as free of burned-in annotation once it has been redacted.
import { setValue } from "../dataset/edit.js";
import type { DicomFile } from "../io/read/read-file.js";

/**
 * Sets Burned In Annotation (0028,0301) to "NO" (PS3.3 C.7.6.1.1.5 / General Image module).
 * The caller records Clean Pixel Data (113101) in De-identification Method Code Sequence.
 */
export function markCleanPixelData(file: DicomFile): void {
  setValue(file.dataset, "BurnedInAnnotation", ["NO"]);
}
