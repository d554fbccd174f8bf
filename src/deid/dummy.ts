/** PS3.15 E.1.1 D: a non-zero-length dummy value consistent with the VR, carrying no information. */
export function dummyValue(vr: string): string[] | number[] | undefined {
  switch (vr) {
    case "PN": return ["ANONYMIZED"];
    case "LO": case "SH": case "ST": case "LT": case "UT": case "UC": case "AE": return ["ANONYMIZED"];
    case "CS": return ["ANONYMIZED"];
    case "DA": return ["19000101"];
    case "TM": return ["000000"];
    case "DT": return ["19000101000000"];
    case "AS": return ["000D"];
    case "IS": case "DS": return ["0"];
    case "UR": return ["urn:dicom-deid:anonymized"];
    case "US": case "SS": case "UL": case "SL": case "FL": case "FD": case "SV": case "UV": return [0];
    default: return undefined;
  }
}

/** Every dummy text we write, so the residual check never mistakes one for an original. */
export const DUMMY_TEXTS: ReadonlySet<string> = new Set(["ANONYMIZED", "19000101", "000000", "19000101000000", "000D", "0", "urn:dicom-deid:anonymized"]);
