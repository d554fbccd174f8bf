import { DicomError } from "../core/errors.js";
import { TOOL_NAME_VERSION } from "../core/version.js";
import { isPrivateTag, tag } from "../core/tag.js";
import { isStringVR } from "../core/vr.js";
import { lookupTag } from "../dictionary/index.js";
import type { DicomFile } from "../io/read/read-file.js";
import { readDicom } from "../io/read/read-file.js";
import { writeDicom } from "../io/write/write-file.js";
import { elementText, getText } from "../dataset/values.js";
import { setValue } from "../dataset/edit.js";
import { applyPlan, type ActionCounts } from "../actions/apply.js";
import type { ProfileOptions, MethodCode } from "../profile/options.js";
import { contextFromValues, type HeaderValue, type PhiContext } from "../phi/context.js";
import { planDataset, type PlanEntry } from "./plan.js";
import { retypeUnknown } from "./retype.js";
import { pseudonymFor, type PseudonymOptions } from "./pseudonym.js";
import { patientDayOffset, shiftDateValue } from "./dates.js";
import { remapUid } from "./uids.js";
import { dummyValue } from "./dummy.js";
import { MARK_TAGS, markDeidentified } from "./mark.js";
import { checkResidual, identifyingValues, norm, type IdentifyingValue } from "./residual.js";
import { recipeDecision, type Recipe } from "./recipe.js";
import { identityScrubber, SCRUB_MARKER } from "./scrub.js";
import { BUILT_IN_SAFE_PRIVATE, safePrivatePredicate } from "./safe-private.js";
import type { Secret } from "./keyed.js";

/** Everything a header de-identification run needs (plain data, so workers can share it). */
export interface DeidOptions {
  profile: ProfileOptions;
  secret: Secret;
  pseudonym: PseudonymOptions;
  /** Largest per-patient date shift in days (Modified Dates option). */
  maxShiftDays: number;
  recipe?: Recipe;
  /** Return linkage rows (original -> pseudonym): PHI, only when the user asked for a linkage file. */
  linkage?: boolean;
  /** Re-read the output and fail the file when an identifying input value remains (default true). */
  residualCheck?: boolean;
  /** Read damaged inputs leniently. */
  lenient?: boolean;
  /**
   * Free-text cleaner for Clean Descriptors / Structured Content (the text-PHI detector).
   * Required when a clean action applies; loaded lazily by callers (`loadTextCleaner`) because
   * the detector's lexicons take a while to load.
   */
  cleaner?: (text: string, context: PhiContext) => string;
  /**
   * Overlay groups (0x6000-0x601E) whose planes the pixel stage read and cleaned of PHI text
   * (Clean Graphics): their Overlay Data is kept. Any other overlay to clean goes whole.
   */
  overlaysCleaned?: readonly number[];
}

/** Loads the text-PHI detector's cleaner (the heavy NLP lexicons load here, once). */
export async function loadTextCleaner(): Promise<NonNullable<DeidOptions["cleaner"]>> {
  const phi = await import("../phi/index.js");
  return (text, context) => phi.cleanText(text, context, { marker: "[REMOVED]" });
}

/** What a run did to one file: counts and codes, never values (linkage rows aside). */
export interface DeidReport {
  counts: ActionCounts;
  codes: MethodCode[];
  /** Only with `linkage`: original and new patient identity and study UID. */
  linkage?: Record<string, string>;
  /** De-identified keys for `--layout patient/study/series` (pseudonym and new UIDs; no PHI). */
  layoutKeys: { patient?: string; study?: string; series?: string; instance?: string };
}

/** dicom-deid's name and version as written into De-identification Method. */
export const TOOL_TEXT = TOOL_NAME_VERSION;

const T = {
  patientName: tag(0x0010, 0x0010), patientId: tag(0x0010, 0x0020), sopInstance: tag(0x0008, 0x0018),
  studyUid: tag(0x0020, 0x000d),
};
/** Meta elements that may name a site and that a rebuilt meta does without. */
const META_DROP = [tag(0x0002, 0x0016), tag(0x0002, 0x0017), tag(0x0002, 0x0018), tag(0x0002, 0x0100), tag(0x0002, 0x0102)];

/** Plans the de-identification of a file (no change): the entries and the patient's pseudonym. */
export function planFile(file: DicomFile, options: DeidOptions): { plan: PlanEntry[]; patientKey: string } {
  const ds = file.dataset;
  retypeUnknown(ds);
  const patientKey = getText(ds, T.patientId) || getText(ds, T.patientName) || "";
  const safe = safePrivatePredicate([...BUILT_IN_SAFE_PRIVATE, ...(options.recipe?.safePrivate ?? [])]);
  const recipe = options.recipe;
  const plan = planDataset(ds, {
    profile: options.profile,
    // PS3.3 F.5: directory record keys are Type 1, so Z must leave a (dummy) value.
    zeroAsDummy: getText(ds, tag(0x0008, 0x0016)) === "1.2.840.10008.1.3.10" || getText(file.meta, tag(0x0002, 0x0002)) === "1.2.840.10008.1.3.10",
    isSafePrivate: safe,
    override: recipe ? (facts) => recipeDecision(recipe, facts) : undefined,
    overlaysCleaned: new Set(options.overlaysCleaned ?? []),
  });
  const pseudo = pseudonymFor(options.secret, patientKey, options.pseudonym);
  for (const e of plan) {
    if (e.loc.chain.length || e.decision.rule.startsWith("recipe")) continue;
    if (e.element.tag === T.patientName) e.decision = { action: { kind: "replace", values: [pseudo.name] }, rule: "pseudonym (PatientName)" };
    if (e.element.tag === T.patientId) e.decision = { action: { kind: "replace", values: [pseudo.id] }, rule: "pseudonym (PatientID)" };
  }
  return { plan, patientKey };
}

/**
 * De-identifies a file's header in place: plan (profile + options + recipe), apply, mark,
 * keep the meta's SOP Instance UID in step. Returns the report and the identifying values
 * for the residual check (kept in memory only).
 */
export function deidentifyFile(file: DicomFile, options: DeidOptions): { report: DeidReport; identifying: IdentifyingValue[] } {
  const ds = file.dataset;
  const { plan, patientKey } = planFile(file, options);
  const kept: string[] = [];
  const header: HeaderValue[] = [];
  const uids: string[] = [];
  const scrubbedWhole = new Set<string>();
  for (const e of plan) {
    const el = e.element;
    if (!el.value || !isStringVR(el.vr)) continue;
    const text = elementText(el, e.loc.dataset) ?? "";
    if (!text) continue;
    const k = e.decision.action.kind;
    // Scrubbed text is neither a source of identifying values nor kept whole.
    if (k === "scrub") {
      for (const v of text.split("\\")) scrubbedWhole.add(norm(v));
      continue;
    }
    if (k === "keep" || k === "recurse" || k === "remapUid" && el.vr !== "UI") kept.push(...text.split("\\"));
    else if (!isPrivateTag(el.tag)) {
      header.push({ keyword: lookupTag(el.tag)?.keyword ?? "", vr: el.vr, value: text });
      if (el.vr === "UI") uids.push(text);
    }
  }
  const phi = contextFromValues(header);
  const days = patientDayOffset(options.secret, patientKey, { maxDays: options.maxShiftDays });
  const before = { patientId: getText(ds, T.patientId), patientName: getText(ds, T.patientName), study: getText(ds, T.studyUid) };
  // What this run writes itself (pseudonyms, the marker) is no leak of the input.
  const written = [...plan.flatMap((e) => (e.decision.action.kind === "replace" ? e.decision.action.values : [])), SCRUB_MARKER];
  const identifying = identifyingValues({
    personNames: phi.personNames, ids: phi.ids, dates: phi.dates, uids, addresses: phi.addresses ?? [],
    phones: phi.phones ?? [], institutions: phi.institutions ?? [],
  }, kept, written)
    // A scrubbed value that is a removed institution's name whole is the maker's name (Manufacturer equals
    // Institution Name in vendors' demo data), kept as before; names, IDs and dates go wherever they stand.
    .filter((v) => !(v.from === "an institution" && scrubbedWhole.has(v.value)));
  const scrub = identityScrubber(identifying);
  const counts = applyPlan(plan.map((e) => ({ loc: e.loc, element: e.element, action: e.decision.action })), {
    remapUid: (u) => remapUid(u, options.secret),
    shiftDate: (vr, v) => shiftDateValue(vr, v, days),
    clean: (t) => {
      if (!options.cleaner) throw new DicomError("CONFIG", "a clean action needs the text cleaner (loadTextCleaner)");
      // Cleaned text also loses what the residual check looks for (a one-word name such as "TEST" the detector lets pass).
      return scrub(options.cleaner(t, phi));
    },
    dummy: (vr) => dummyValue(vr),
    scrub,
  });
  const codes = markDeidentified(ds, options.profile, TOOL_TEXT);
  const sop = getText(ds, T.sopInstance);
  if (sop) setValue(file.meta, "(0002,0003)", [sop]);
  for (const t of META_DROP) if (file.meta.has(t)) file.meta.delete(t);
  const report: DeidReport = {
    counts, codes,
    layoutKeys: {
      patient: getText(ds, T.patientId), study: getText(ds, T.studyUid),
      series: getText(ds, tag(0x0020, 0x000e)), instance: getText(ds, T.sopInstance),
    },
  };
  if (options.linkage) {
    report.linkage = {
      original_patient_id: before.patientId ?? "", original_patient_name: before.patientName ?? "",
      pseudonym_id: getText(ds, T.patientId) ?? "", pseudonym_name: getText(ds, T.patientName) ?? "",
      original_study_uid: before.study ?? "", new_study_uid: getText(ds, T.studyUid) ?? "",
    };
  }
  return { report, identifying };
}

/** Writes a de-identified file (rebuilt meta, zeroed preamble) and runs the residual check on the re-read output. */
export function writeDeidentified(file: DicomFile, identifying: IdentifyingValue[], options: Pick<DeidOptions, "residualCheck" | "profile">, fileName?: string): Uint8Array {
  const output = writeDicom(file, { stampImplementation: true, zeroPreamble: true });
  if (options.residualCheck !== false) {
    const back = readDicom(output, { file: fileName });
    try {
      checkResidual(back.dataset, identifying, { uidsKept: options.profile.retainUIDs, own: MARK_TAGS });
      checkResidual(back.meta, identifying, { uidsKept: options.profile.retainUIDs });
    } catch (e) {
      if (e instanceof DicomError) e.withContext({ file: fileName });
      throw e;
    }
  }
  return output;
}

/** Reads a file for de-identification: strict unless `lenient`, and never from a partial read. */
export function readForDeid(bytes: Uint8Array, options: Pick<DeidOptions, "lenient">, fileName?: string): DicomFile {
  const file = readDicom(bytes, { file: fileName, lenient: options.lenient });
  if (file.partial) throw new DicomError("TRUNCATED", "the file could only be read in part; not de-identified", { file: fileName });
  return file;
}

/**
 * Bytes in, de-identified bytes out (header only): read, de-identify, write with a rebuilt
 * meta and a zeroed preamble, then re-read the output for the residual check. Throws
 * DicomError (the file's problem, no values) on failure.
 */
export function deidentifyBytes(bytes: Uint8Array, options: DeidOptions, fileName?: string): { output: Uint8Array; report: DeidReport } {
  const file = readForDeid(bytes, options, fileName);
  const { report, identifying } = deidentifyFile(file, options);
  return { output: writeDeidentified(file, identifying, options, fileName), report };
}
