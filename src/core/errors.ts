/** Machine-readable codes of every error dicom-deid raises on bad input or bad use. */
export type DicomErrorCode =
  | "TRUNCATED"
  | "BAD_LENGTH"
  | "BAD_VR"
  | "BAD_ITEM"
  | "TOO_DEEP"
  | "NOT_DICOM"
  | "BAD_META"
  | "UNKNOWN_TRANSFER_SYNTAX"
  | "DEFLATE"
  | "TRAILING_DATA"
  | "BAD_PATH"
  | "BAD_VALUE"
  | "UNSUPPORTED"
  | "WRITE"
  | "DECODE"
  | "ENCODE"
  | "CONFIG"
  | "PROFILE"
  | "RESIDUAL_PHI";

/** Where an error happened: file, tag path, byte offset. Never an element's value. */
export interface ErrorContext {
  file?: string;
  tagPath?: string;
  offset?: number;
}

/**
 * The one error type for bad input: a code, a one-line reason, and context.
 * Messages carry tags, offsets and sizes only, never values (no PHI).
 */
export class DicomError extends Error {
  readonly code: DicomErrorCode;
  readonly reason: string;
  file?: string;
  tagPath?: string;
  offset?: number;

  constructor(code: DicomErrorCode, reason: string, context: ErrorContext = {}) {
    super(reason);
    this.name = "DicomError";
    this.code = code;
    this.reason = reason;
    this.file = context.file;
    this.tagPath = context.tagPath;
    this.offset = context.offset;
    this.message = this.describe();
  }

  /** Adds context that an outer layer knows (e.g. the file name) and refreshes the message. */
  withContext(context: ErrorContext): this {
    if (context.file !== undefined && this.file === undefined) this.file = context.file;
    if (context.tagPath !== undefined && this.tagPath === undefined) this.tagPath = context.tagPath;
    if (context.offset !== undefined && this.offset === undefined) this.offset = context.offset;
    this.message = this.describe();
    return this;
  }

  /** One line: "file: CODE at tagPath, offset N: reason". */
  describe(): string {
    const where: string[] = [];
    if (this.tagPath) where.push(`at ${this.tagPath}`);
    if (this.offset !== undefined) where.push(`offset ${this.offset}`);
    const head = this.file ? `${this.file}: ` : "";
    return `${head}${this.code}${where.length ? " " + where.join(", ") : ""}: ${this.reason}`;
  }
}

/** True when the value is a DicomError. */
export function isDicomError(e: unknown): e is DicomError {
  return e instanceof DicomError;
}
