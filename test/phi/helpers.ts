// Test helpers for src/phi: synthetic contexts and compact views of findings.
import { analyzeText, contextFromValues, type AnalyzeOptions, type PhiContext } from "../../src/phi/index.js";

/** A synthetic header context (made-up patient DOE^JANE; no real data). */
export function janeDoeContext(): PhiContext {
  return contextFromValues([
    { keyword: "PatientName", vr: "PN", value: "DOE^JANE^Q" },
    { keyword: "ReferringPhysicianName", vr: "PN", value: "ROE^RICHARD" },
    { keyword: "PatientID", vr: "LO", value: "4817203956" },
    { keyword: "AccessionNumber", vr: "SH", value: "77A31904" },
    { keyword: "PatientBirthDate", vr: "DA", value: "19450315" },
    { keyword: "StudyDate", vr: "DA", value: "20010911" },
    { keyword: "StudyTime", vr: "TM", value: "134507" },
    { keyword: "PatientAge", vr: "AS", value: "056Y" },
    { keyword: "PatientSex", vr: "CS", value: "F" },
    { keyword: "InstitutionName", vr: "LO", value: "Quillfeather, Brandt and Osei Community Hospital" },
    { keyword: "InstitutionAddress", vr: "ST", value: "48 Larkspur Trafficway, Dunmore, PA 18512" },
    { keyword: "PatientTelephoneNumbers", vr: "SH", value: "+1-555-203-4417" },
    { keyword: "StationName", vr: "SH", value: "CTSTATION7" },
  ]);
}

/** The flagged substrings of text, as "ENTITY:text". */
export function flagged(text: string, ctx?: PhiContext, options?: AnalyzeOptions): string[] {
  return analyzeText(text, ctx, options).map((f) => `${f.entity}:${text.slice(f.start, f.end)}`);
}

/** True when every character of `part` inside `text` is covered by some finding. */
export function covered(text: string, part: string, ctx?: PhiContext, options?: AnalyzeOptions): boolean {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`test bug: "${part}" not in text`);
  const fs = analyzeText(text, ctx, options);
  for (let i = at; i < at + part.length; i++) {
    if (/\s/.test(text[i])) continue;
    if (!fs.some((f) => f.start <= i && f.end > i)) return false;
  }
  return true;
}

/** True when no character of `part` inside `text` is covered by a finding. */
export function untouched(text: string, part: string, ctx?: PhiContext, options?: AnalyzeOptions): boolean {
  const at = text.indexOf(part);
  if (at < 0) throw new Error(`test bug: "${part}" not in text`);
  return !analyzeText(text, ctx, options).some((f) => f.start < at + part.length && f.end > at);
}
