// PhiContext: the identifying values known from one file's header, as plain data.

/** Identifying values from this file's header that text recognizers look for (any may be empty). */
export interface PhiContext {
  /** DICOM PN values, e.g. "DOE^JANE" (components split on "^", groups on "=", values on "\\"). */
  personNames: string[];
  /** Patient ID, accession number and other identifiers, as stored. */
  ids: string[];
  /** DA ("19991231") or DT ("19991231235959") values. */
  dates: string[];
  /** TM values ("235959.000"). */
  times?: string[];
  /** AS values ("072Y") or plain numbers of years. */
  ages?: string[];
  institutions?: string[];
  addresses?: string[];
  phones?: string[];
  /** Other identifying strings (station name, serial number, occupation...), matched as whole values only. */
  other?: string[];
}

/** One header element as the caller knows it: keyword (may be empty for private tags), VR, value as text. */
export interface HeaderValue {
  keyword: string;
  vr: string;
  value: string;
}

/** A context with no known values: only pattern and name recognizers can fire. */
export function emptyContext(): PhiContext {
  return { personNames: [], ids: [], dates: [], times: [], ages: [], institutions: [], addresses: [], phones: [], other: [] };
}

/** Keywords whose values are identifiers although their names do not end in "ID". */
const ID_KEYWORDS = new Set([
  "AccessionNumber", "DeviceSerialNumber", "MedicalRecordLocator", "StudyID", "OtherPatientIDs",
  "FillerOrderNumberImagingServiceRequest", "PlacerOrderNumberImagingServiceRequest",
  "AdmissionID", "ServiceEpisodeID",
]);

/** Keywords routed to `other`: identifying but neither names, dates nor IDs. */
const OTHER_KEYWORDS = new Set([
  "StationName", "Occupation", "MilitaryRank", "BranchOfService", "RegionOfResidence", "CountryOfResidence",
  "PatientReligiousPreference", "ResponsibleOrganization", "CurrentPatientLocation", "PatientInstitutionResidence",
  "InstitutionalDepartmentName", "PerformedStationName", "ScheduledStationName", "PerformedLocation",
  "ScheduledProcedureStepLocation", "RequestingService", "IssuerOfPatientID", "MedicalAlerts",
]);

/** Where a header value goes in a PhiContext ("skip": not identifying as such). */
type Category = "personNames" | "dates" | "dt" | "times" | "ages" | "phones" | "addresses" | "institutions" | "ids" | "other" | "skip";

/** The category of a keyword and VR (memoized: the same few hundred pairs recur in every file). */
function categoryOf(keyword: string, vr: string): Category {
  const key = `${vr}|${keyword}`;
  let c = categories.get(key);
  if (c === undefined) {
    c = classify(keyword.trim(), vr);
    if (categories.size < 4096) categories.set(key, c);
  }
  return c;
}
const categories = new Map<string, Category>();

function classify(kw: string, vr: string): Category {
  if (vr === "PN") return "personNames";
  if (vr === "DA") return "dates";
  if (vr === "DT") return "dt";
  if (vr === "TM") return "times";
  if (vr === "AS" || kw === "PatientAge") return "ages";
  if (vr === "UI" || vr === "SQ" || kw === "") return "skip";
  if (/TelephoneNumbers?$/.test(kw)) return "phones";
  if (/Address$/.test(kw)) return "addresses";
  if (/^Institution(Name)?$/.test(kw)) return "institutions";
  if (ID_KEYWORDS.has(kw) || /(ID|IDs|Id)$/.test(kw)) return "ids";
  if (OTHER_KEYWORDS.has(kw)) return "other";
  return "skip";
}

/** Routes header values into a PhiContext by VR and keyword (PN -> names, DA -> dates, *ID -> ids, ...). */
export function contextFromValues(values: readonly HeaderValue[]): PhiContext {
  const ctx = emptyContext();
  const push = (list: string[] | undefined, v: string): void => {
    if (list && !list.includes(v)) list.push(v);
  };
  for (const { keyword, vr, value } of values) {
    const c = categoryOf(keyword, vr);
    if (c === "skip") continue;
    for (const part of value.split("\\")) {
      const v = part.trim();
      if (v.length === 0) continue;
      if (c === "dt") {
        push(ctx.dates, v);
        if (v.length > 8) push(ctx.times, v.slice(8));
      } else push(ctx[c], v);
    }
  }
  return ctx;
}
