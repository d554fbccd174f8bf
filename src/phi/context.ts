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

/** Routes header values into a PhiContext by VR and keyword (PN -> names, DA -> dates, *ID -> ids, ...). */
export function contextFromValues(values: readonly HeaderValue[]): PhiContext {
  const ctx = emptyContext();
  const push = (list: string[] | undefined, v: string): void => {
    if (list && !list.includes(v)) list.push(v);
  };
  for (const { keyword, vr, value } of values) {
    const parts = value.split("\\").map((p) => p.trim()).filter((p) => p.length > 0);
    for (const v of parts) {
      const kw = keyword.trim();
      if (vr === "PN") push(ctx.personNames, v);
      else if (vr === "DA") push(ctx.dates, v);
      else if (vr === "DT") {
        push(ctx.dates, v);
        if (v.length > 8) push(ctx.times, v.slice(8));
      } else if (vr === "TM") push(ctx.times, v);
      else if (vr === "AS" || kw === "PatientAge") push(ctx.ages, v);
      else if (vr === "UI" || vr === "SQ" || kw === "") continue;
      else if (/TelephoneNumbers?$/.test(kw)) push(ctx.phones, v);
      else if (/Address$/.test(kw)) push(ctx.addresses, v);
      else if (/^Institution(Name)?$/.test(kw)) push(ctx.institutions, v);
      else if (ID_KEYWORDS.has(kw) || /(ID|IDs|Id)$/.test(kw)) push(ctx.ids, v);
      else if (OTHER_KEYWORDS.has(kw)) push(ctx.other, v);
    }
  }
  return ctx;
}
