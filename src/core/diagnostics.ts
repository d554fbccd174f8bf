/** Severity of a diagnostic. */
export type Severity = "info" | "warning" | "error";

/**
 * A finding about a file, as data: rule id, where (tag path, offset) and why.
 * It never carries an element's value (no PHI).
 */
export interface Diagnostic {
  rule: string;
  severity: Severity;
  reason: string;
  tagPath?: string;
  offset?: number;
}
