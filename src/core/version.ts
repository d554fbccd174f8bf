/**
 * dicom-deid's version: the CLI's --version, De-identification Method text and the file meta's
 * Implementation Version Name all come from here. A test keeps it equal to package.json's.
 */
export const VERSION = "0.1.0";

/** The tool's name and version, as written into De-identification Method (0012,0063). */
export const TOOL_NAME_VERSION = `dicom-deid ${VERSION}`;
