import { existsSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { createHash } from "node:crypto";
import { DicomError } from "../core/errors.js";
import { isOwnTempFile } from "./walk.js";

const FOLD_CASE = process.platform === "darwin" || process.platform === "win32";

/** The real path of `p`, following symlinks of its longest existing ancestor (p may not exist yet). */
export function realPathOf(p: string): string {
  const abs = resolve(p);
  const rest: string[] = [];
  let at = abs;
  while (!existsSync(at)) {
    const parent = dirname(at);
    if (parent === at) break;
    rest.unshift(basename(at));
    at = parent;
  }
  return join(realpathSync(at), ...rest);
}

/** True when `child` is `parent` or lies inside it (both real, absolute paths). */
export function isInside(child: string, parent: string): boolean {
  const c = FOLD_CASE ? child.toLowerCase() : child;
  const p = FOLD_CASE ? parent.toLowerCase() : parent;
  const rel = relative(p, c);
  return rel === "" || (rel !== ".." && !rel.startsWith(".." + sep) && !isAbsolute(rel));
}

/** The real paths a batch works on, after `checkBatchPaths`. */
export interface BatchPaths {
  input: string;
  inputIsFolder: boolean;
  output: string;
  reportDir: string;
  linkagePath?: string;
}

/**
 * Resolves and checks the paths of a batch (fails closed with a CONFIG error): the input must
 * exist; the output must not be the input, lie inside it or contain it; reports and the
 * linkage file must not land inside the input. Messages name the option, never the path.
 */
export function checkBatchPaths(options: { input: string; output: string; reportDir?: string; linkagePath?: string }): BatchPaths {
  if (!existsSync(options.input)) throw new DicomError("CONFIG", "input does not exist");
  const input = realpathSync(options.input);
  const inputIsFolder = statSync(input).isDirectory();
  const output = realPathOf(options.output);
  if (existsSync(output) && !statSync(output).isDirectory()) throw new DicomError("CONFIG", "output exists and is not a folder");
  if (isInside(output, input)) {
    throw new DicomError("CONFIG", inputIsFolder ? "output folder must not be the input folder or lie inside it" : "output folder must not be the input file");
  }
  if (isInside(input, output)) throw new DicomError("CONFIG", "input must not lie inside the output folder");
  const reportDir = options.reportDir === undefined ? output : realPathOf(options.reportDir);
  if (isInside(reportDir, input)) throw new DicomError("CONFIG", "report folder must not lie inside the input");
  const linkagePath = options.linkagePath === undefined ? undefined : realPathOf(options.linkagePath);
  if (linkagePath !== undefined && isInside(linkagePath, input)) throw new DicomError("CONFIG", "linkage file must not lie inside the input");
  return { input, inputIsFolder, output, reportDir, linkagePath };
}

/**
 * Checks and normalizes an output path chosen for a file (relative, "/"-separated, no "." or
 * ".." segment, no empty or NUL-bearing segment, no name of our temporary files).
 * Returns undefined when the path is not safe to write below the output root.
 */
export function normalizeOutputRelPath(p: unknown): string | undefined {
  if (typeof p !== "string" || p.length === 0 || p.length > 4096 || p.includes("\0")) return undefined;
  if (process.platform === "win32" && p.includes("\\")) return undefined;
  if (p.startsWith("/") || /^[A-Za-z]:/.test(p)) return undefined;
  const segments = p.split("/");
  for (const s of segments) {
    if (s === "" || s === "." || s === ".." || Buffer.byteLength(s) > 255 || isOwnTempFile(s)) return undefined;
  }
  return segments.join("/");
}

/** The key under which an output path is claimed: case-folded, so outputs stay distinct on any file system. */
export function outputKey(relPath: string): string {
  return relPath.normalize("NFC").toLowerCase();
}

/** A stable id of an input path (32 hex digits of its SHA-256): what state and claims store instead of the path. */
export function pathId(relPath: string): string {
  return createHash("sha256").update(relPath).digest("hex").slice(0, 32);
}

/**
 * The deterministic alternative name of an output path for the input with id `ownerId`
 * (`pathId`): "dir/name-<first 8 hex of the id>.ext"; longer, then counted, for `attempt` > 0.
 */
export function suffixedPath(outRelPath: string, ownerId: string, attempt = 0): string {
  const tag = attempt === 0 ? ownerId.slice(0, 8) : attempt === 1 ? ownerId.slice(0, 16) : `${ownerId.slice(0, 16)}-${attempt}`;
  const slash = outRelPath.lastIndexOf("/");
  const dir = outRelPath.slice(0, slash + 1);
  const name = outRelPath.slice(slash + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${dir}${name.slice(0, dot)}-${tag}${name.slice(dot)}` : `${dir}${name}-${tag}`;
}
