/** Value representations (PS3.5 6.2) and their encoding properties. */
export const VRS = [
  "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL",
  "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US",
  "UT", "UV",
] as const;

/** A known value representation. */
export type VR = (typeof VRS)[number];

const VR_SET: ReadonlySet<string> = new Set(VRS);

/** True when the two characters name a VR of PS3.5 6.2. */
export function isVR(s: string): s is VR {
  return VR_SET.has(s);
}

/** PS3.5 7.1.2: these VRs use a 2-byte reserved field and a 4-byte length in explicit VR. */
const LONG_LENGTH: ReadonlySet<string> = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV"]);

/** True when explicit-VR encoding uses the 12-byte header (2 reserved bytes + 32-bit length). */
export function hasLongLength(vr: string): boolean {
  return LONG_LENGTH.has(vr);
}

/** Character string VRs (PS3.5 6.2), padded with a space to even length. */
const STRING_VRS: ReadonlySet<string> = new Set(["AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"]);

/** True for VRs whose value is a character string. */
export function isStringVR(vr: string): boolean {
  return STRING_VRS.has(vr);
}

/** VRs whose text is affected by Specific Character Set (PS3.5 6.1.2.3). */
const CHARSET_VRS: ReadonlySet<string> = new Set(["SH", "LO", "ST", "PN", "LT", "UC", "UT"]);

/** True when the value's text is decoded with the Specific Character Set. */
export function usesCharset(vr: string): boolean {
  return CHARSET_VRS.has(vr);
}

/** True for string VRs that hold several values separated by a backslash. */
export function isMultiValuedText(vr: string): boolean {
  return isStringVR(vr) && vr !== "LT" && vr !== "ST" && vr !== "UT" && vr !== "UR";
}

/** PS3.5 6.2: UI is padded with NUL; other strings with a space; binary values with NUL. */
export function paddingByte(vr: string): number {
  return isStringVR(vr) && vr !== "UI" ? 0x20 : 0x00;
}

/** Byte size of one value for fixed-size binary VRs, or undefined. */
export function binaryValueSize(vr: string): number | undefined {
  switch (vr) {
    case "SS": case "US": case "OW": return 2;
    case "SL": case "UL": case "FL": case "OF": case "OL": case "AT": return 4;
    case "FD": case "OD": case "SV": case "UV": case "OV": return 8;
    default: return undefined;
  }
}

/** PS3.5 6.2 (Table 6.2-1): most characters one value of a text VR may hold (PN: per component group); none for UC, UR, UT. */
const MAX_CHARS: Readonly<Record<string, number>> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, LT: 10240, PN: 64, SH: 16, ST: 1024, TM: 14, UI: 64,
};

/** The most characters one value of this VR may hold, or undefined when it has no limit (or is not text). */
export function maxValueChars(vr: string): number | undefined {
  return MAX_CHARS[vr];
}
