import { hmacInt, type Secret } from "./keyed.js";

/** Options for the per-patient date shift. */
export interface DateShiftOptions {
  /** Largest shift in days either way (default 365); never 0. */
  maxDays: number;
}

/** The keyed per-patient offset in days, in [-maxDays, maxDays] without 0. */
export function patientDayOffset(secret: Secret, patientKey: string, options: DateShiftOptions = { maxDays: 365 }): number {
  const n = Math.max(1, Math.floor(options.maxDays));
  const k = hmacInt(secret, "date-offset", patientKey, 2 * n);
  return k < n ? -(k + 1) : k - n + 1;
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** Shifts a DA "YYYYMMDD" by whole days; partial or malformed values are returned as undefined. */
export function shiftDA(value: string, days: number): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (d.getUTCMonth() !== +m[2] - 1) return undefined;
  d.setUTCDate(d.getUTCDate() + days);
  const y = d.getUTCFullYear();
  if (y < 1 || y > 9999) return undefined;
  return `${pad(y, 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
}

/**
 * Shifts a DT "YYYY[MM[DD[HHMMSS[.F]]]][&ZZXX]" by whole days, keeping its precision, the
 * time of day and the timezone offset. A year-only or year-month value is shifted by its
 * calendar position (first day), then cut back to the same precision.
 */
export function shiftDT(value: string, days: number): string | undefined {
  const m = /^(\d{4})(\d{2})?(\d{2})?(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const full = shiftDA(`${m[1]}${m[2] ?? "01"}${m[3] ?? "01"}`, days);
  if (!full) return undefined;
  const datePart = full.slice(0, 4 + (m[2] ? 2 : 0) + (m[3] ? 2 : 0));
  return datePart + (m[4] ?? "");
}

/** Shifts every value of a DA element, including ranges "A-B" (PS3.4 C.2.2.2.5). */
export function shiftDateValue(vr: string, value: string, days: number): string | undefined {
  const one = (v: string): string | undefined => (v === "" ? "" : vr === "DT" ? shiftDT(v, days) : shiftDA(v, days));
  const out: string[] = [];
  for (const v of value.split("\\")) {
    const parts = v.split("-");
    const shifted = vr === "DA" && parts.length === 2 ? parts.map((p) => one(p.trim())) : [one(v.trim())];
    if (shifted.some((s) => s === undefined)) return undefined;
    out.push(shifted.join("-"));
  }
  return out.join("\\");
}
