import { DicomError } from "../core/errors.js";
import { csvCells } from "../io/csv.js";
import { hmac, type Secret } from "./keyed.js";

/** A patient's replacement identity. */
export interface Pseudonym { id: string; name: string }

/** Options for patient pseudonyms: a keyed code with a prefix, or a user mapping. */
export interface PseudonymOptions {
  /** Prefix of generated IDs (default "ANON"); IDs look like "ANON-7K2QX9D4MB". */
  prefix: string;
  /** Number of base32 characters of the keyed code, 6 to 26 (default 10: 50 bits). */
  length?: number;
  /** Original PatientID -> replacement, from a mapping file; when given, unmapped patients fail. */
  mapping?: Record<string, { id: string; name?: string }>;
}

/** A pseudonym prefix the CLI and recipes accept: 1-16 letters, digits, _ or - (it starts PatientID, a LO without backslashes). */
export const isPseudonymPrefix = (v: unknown): v is string => typeof v === "string" && /^[A-Za-z0-9_-]{1,16}$/.test(v);

/** A keyed-code length the CLI and recipes accept: 6 to 26 base32 characters. */
export const isPseudonymLength = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 6 && v <= 26;

const B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

/** The pseudonym of a patient, keyed by its original PatientID (or name when there is no ID). */
export function pseudonymFor(secret: Secret, patientKey: string, options: PseudonymOptions): Pseudonym {
  if (options.mapping) {
    const hit = options.mapping[patientKey];
    if (!hit) throw new DicomError("CONFIG", "PatientID not found in the mapping file", { tagPath: "(0010,0020)" });
    return { id: hit.id, name: hit.name ?? hit.id };
  }
  const h = hmac(secret, "patient", patientKey);
  let code = "";
  let bits = 0;
  let acc = 0;
  for (let i = 0; code.length < (options.length ?? 10); i++) {
    acc = (acc << 8) | h[i];
    bits += 8;
    while (bits >= 5 && code.length < (options.length ?? 10)) {
      code += B32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  const id = `${options.prefix}-${code}`;
  return { id, name: id };
}

/**
 * Parses a mapping CSV: `original_id,new_id[,new_name]` per line (cells may be quoted, as
 * spreadsheets write names with commas), an optional header line (first cell not matched), `#`
 * comments. Errors name the line, never the values.
 */
export function parseMappingCsv(text: string): Record<string, { id: string; name?: string }> {
  const out: Record<string, { id: string; name?: string }> = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const cells = csvCells(line);
    if (!cells) throw new DicomError("CONFIG", `mapping file line ${i + 1}: a quote is not closed`);
    if (i === 0 && /^(original|patient|old|source)/i.test(cells[0])) return;
    if (cells.length < 2 || !cells[0] || !cells[1]) throw new DicomError("CONFIG", `mapping file line ${i + 1}: expected original_id,new_id[,new_name]`);
    if (out[cells[0]]) throw new DicomError("CONFIG", `mapping file line ${i + 1}: the original ID appears twice`);
    out[cells[0]] = cells[2] ? { id: cells[1], name: cells[2] } : { id: cells[1] };
  });
  return out;
}
