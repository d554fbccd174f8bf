import { DicomError } from "../../core/errors.js";
import type { Codec } from "./codec.js";

const BY_SYNTAX = new Map<string, Codec>();

/** Registers a codec for each of its transfer syntaxes; a later registration replaces an earlier one. */
export function registerCodec(codec: Codec): void {
  for (const uid of codec.transferSyntaxes) BY_SYNTAX.set(uid, codec);
}

/** Removes whatever codec is registered for a transfer syntax (for tests and custom set-ups). */
export function unregisterCodec(transferSyntaxUid: string): void {
  BY_SYNTAX.delete(transferSyntaxUid);
}

/** Transfer syntax UIDs that have a codec, sorted. */
export function registeredTransferSyntaxes(): string[] {
  return [...BY_SYNTAX.keys()].sort();
}

/** The codec for a transfer syntax, or undefined. */
export function findCodec(transferSyntaxUid: string): Codec | undefined {
  return BY_SYNTAX.get(transferSyntaxUid.replace(/[\0 ]+$/, ""));
}

/** The codec for a transfer syntax; fails closed with UNSUPPORTED naming it and listing the known ones. */
export function codecFor(transferSyntaxUid: string): Codec {
  const codec = findCodec(transferSyntaxUid);
  if (!codec) {
    const shown = /^[0-9.]{1,64}$/.test(transferSyntaxUid) ? transferSyntaxUid : "(not a UID)";
    throw new DicomError(
      "UNSUPPORTED",
      `no pixel codec for transfer syntax ${shown}; known: ${registeredTransferSyntaxes().join(", ") || "(none)"}`,
    );
  }
  return codec;
}
