import { DicomError } from "../core/errors.js";
import type { ProfileOption } from "./table.js";

/** The PS3.15 options a de-identification run applies (all off = Basic Profile only). */
export interface ProfileOptions {
  retainSafePrivate: boolean;
  retainUIDs: boolean;
  retainDeviceIdentity: boolean;
  retainInstitutionIdentity: boolean;
  retainPatientCharacteristics: boolean;
  /** E.3.6: "off" (dates per the Basic Profile), "full" (kept), "modified" (shifted per patient). */
  retainLongitudinal: "off" | "full" | "modified";
  cleanDescriptors: boolean;
  cleanStructuredContent: boolean;
  cleanGraphics: boolean;
  /** E.3.1 Clean Pixel Data: set by the pixel stage when it redacted burned-in text. */
  cleanPixelData: boolean;
}

/** Basic Profile with no option. */
export const BASIC_PROFILE: ProfileOptions = {
  retainSafePrivate: false, retainUIDs: false, retainDeviceIdentity: false, retainInstitutionIdentity: false,
  retainPatientCharacteristics: false, retainLongitudinal: "off", cleanDescriptors: false,
  cleanStructuredContent: false, cleanGraphics: false, cleanPixelData: false,
};

/** A coded concept of CID 7050 (De-identification Method), scheme DCM. */
export interface MethodCode { value: string; meaning: string }

/** PS3.16 CID 7050 codes of the profile and each option. */
export const METHOD_CODES = {
  basic: { value: "113100", meaning: "Basic Application Confidentiality Profile" },
  cleanPixelData: { value: "113101", meaning: "Clean Pixel Data Option" },
  cleanGraphics: { value: "113103", meaning: "Clean Graphics Option" },
  cleanStructuredContent: { value: "113104", meaning: "Clean Structured Content Option" },
  cleanDescriptors: { value: "113105", meaning: "Clean Descriptors Option" },
  retainLongitudinalFull: { value: "113106", meaning: "Retain Longitudinal Temporal Information Full Dates Option" },
  retainLongitudinalModified: { value: "113107", meaning: "Retain Longitudinal Temporal Information Modified Dates Option" },
  retainPatientCharacteristics: { value: "113108", meaning: "Retain Patient Characteristics Option" },
  retainDeviceIdentity: { value: "113109", meaning: "Retain Device Identity Option" },
  retainUIDs: { value: "113110", meaning: "Retain UIDs Option" },
  retainSafePrivate: { value: "113111", meaning: "Retain Safe Private Option" },
  retainInstitutionIdentity: { value: "113112", meaning: "Retain Institution Identity Option" },
} as const satisfies Record<string, MethodCode>;

/** The CID 7050 codes for a set of options, 113100 first. */
export function methodCodes(o: ProfileOptions): MethodCode[] {
  const c: MethodCode[] = [METHOD_CODES.basic];
  if (o.cleanPixelData) c.push(METHOD_CODES.cleanPixelData);
  if (o.cleanGraphics) c.push(METHOD_CODES.cleanGraphics);
  if (o.cleanStructuredContent) c.push(METHOD_CODES.cleanStructuredContent);
  if (o.cleanDescriptors) c.push(METHOD_CODES.cleanDescriptors);
  if (o.retainLongitudinal === "full") c.push(METHOD_CODES.retainLongitudinalFull);
  if (o.retainLongitudinal === "modified") c.push(METHOD_CODES.retainLongitudinalModified);
  if (o.retainPatientCharacteristics) c.push(METHOD_CODES.retainPatientCharacteristics);
  if (o.retainDeviceIdentity) c.push(METHOD_CODES.retainDeviceIdentity);
  if (o.retainUIDs) c.push(METHOD_CODES.retainUIDs);
  if (o.retainSafePrivate) c.push(METHOD_CODES.retainSafePrivate);
  if (o.retainInstitutionIdentity) c.push(METHOD_CODES.retainInstitutionIdentity);
  return c;
}

/**
 * The option columns of Table E.1-1 in force, in precedence order: retain options first
 * (an attribute an option keeps is kept), then clean options.
 */
export function activeColumns(o: ProfileOptions): ProfileOption[] {
  const cols: ProfileOption[] = [];
  if (o.retainLongitudinal === "full") cols.push("rtnLongFullDatesOpt");
  if (o.retainUIDs) cols.push("rtnUIDsOpt");
  if (o.retainDeviceIdentity) cols.push("rtnDevIdOpt");
  if (o.retainInstitutionIdentity) cols.push("rtnInstIdOpt");
  if (o.retainPatientCharacteristics) cols.push("rtnPatCharsOpt");
  if (o.retainSafePrivate) cols.push("rtnSafePrivOpt");
  if (o.retainLongitudinal === "modified") cols.push("rtnLongModifDatesOpt");
  if (o.cleanDescriptors) cols.push("cleanDescOpt");
  if (o.cleanStructuredContent) cols.push("cleanStructContOpt");
  if (o.cleanGraphics) cols.push("cleanGraphOpt");
  return cols;
}

/** Option names accepted on the command line and in config files, with their CID 7050 code. */
export const OPTION_NAMES: Record<string, { key: keyof ProfileOptions; value: boolean | string; code: string }> = {
  "retain-safe-private": { key: "retainSafePrivate", value: true, code: "113111" },
  "retain-uids": { key: "retainUIDs", value: true, code: "113110" },
  "retain-device-identity": { key: "retainDeviceIdentity", value: true, code: "113109" },
  "retain-institution-identity": { key: "retainInstitutionIdentity", value: true, code: "113112" },
  "retain-patient-characteristics": { key: "retainPatientCharacteristics", value: true, code: "113108" },
  "retain-full-dates": { key: "retainLongitudinal", value: "full", code: "113106" },
  "retain-modified-dates": { key: "retainLongitudinal", value: "modified", code: "113107" },
  "clean-descriptors": { key: "cleanDescriptors", value: true, code: "113105" },
  "clean-structured-content": { key: "cleanStructuredContent", value: true, code: "113104" },
  "clean-graphics": { key: "cleanGraphics", value: true, code: "113103" },
};

/** Builds options from names ("clean-descriptors") or CID 7050 codes ("113105"). */
export function optionsFromNames(names: readonly string[]): ProfileOptions {
  const o: ProfileOptions = { ...BASIC_PROFILE };
  for (const raw of names) {
    const n = raw.trim();
    const hit = OPTION_NAMES[n] ?? Object.values(OPTION_NAMES).find((x) => x.code === n);
    if (!hit) throw new DicomError("CONFIG", `unknown profile option "${n}"; known: ${Object.keys(OPTION_NAMES).join(", ")} (or their CID 7050 codes)`);
    (o as unknown as Record<string, unknown>)[hit.key] = hit.value;
  }
  return o;
}
